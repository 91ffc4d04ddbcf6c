package org.callbridge.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the operator console reads: search by business keys, an appointment's timeline, rejected inputs, batches,
 * intake counts and the database's size. Every look-up is index-backed (migration V8); lists are paged by id,
 * newest first. Lists carry ids, states and reasons only; patient data stays in the rows it belongs to.
 */
public final class OpsQueries {
    /** At most this many hits per kind of key. */
    static final int SEARCH_LIMIT = 20;

    private final Database db;

    public OpsQueries(Database db) {
        this.db = db;
    }

    /** One search hit: an appointment, a batch or a rejection, and which key matched. */
    public record Hit(String type, String matchedBy, String appointmentKey, Long batchId, Long rejectionId, String label) {
    }

    /** Every appointment, batch or rejection one of whose business keys equals {@code q} (a file name: starts it). */
    public List<Hit> search(String q) {
        String text = q.trim();
        if (text.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            List<Hit> hits = new ArrayList<>();
            appointments(c, hits, "appointment id", "SELECT DISTINCT appointment_key FROM appointment_event WHERE appointment_id = ?", text);
            appointments(c, hits, "MRN", "SELECT DISTINCT appointment_key FROM appointment_event WHERE mrn = ?", text);
            appointments(c, hits, "control id", "SELECT DISTINCT appointment_key FROM appointment_event WHERE control_id = ?", text);
            appointments(c, hits, "file name", "SELECT DISTINCT appointment_key FROM appointment_event"
                    + " WHERE source_ref >= ? AND source_ref < ?", text, text + '\uffff');
            appointments(c, hits, "call id", "SELECT appointment_key FROM planned_call WHERE call_id = ?", text);
            batches(c, hits, "batch name", "SELECT id, name, state FROM call_batch WHERE name = ?", text);
            batches(c, hits, "API batch id", "SELECT id, name, state FROM call_batch WHERE api_batch_id = ?", text);
            hits.addAll(Sql.list(c, "SELECT id, source, reason FROM rejection WHERE source_ref >= ? AND source_ref < ?"
                    + " ORDER BY id DESC FETCH FIRST " + SEARCH_LIMIT + " ROWS ONLY", rs -> new Hit("rejection", "file name", null,
                    null, rs.getLong("id"), "rejected " + rs.getString("source") + " input " + rs.getLong("id")), text, text + '\uffff'));
            return hits;
        });
    }

    private static void appointments(Connection c, List<Hit> hits, String matchedBy, String sql, Object... values) throws SQLException {
        Set<String> keys = new LinkedHashSet<>(Sql.list(c, sql + " FETCH FIRST " + SEARCH_LIMIT + " ROWS ONLY",
                rs -> rs.getString(1), values));
        for (String key : keys) {
            if (hits.stream().anyMatch(h -> key.equals(h.appointmentKey()))) {
                continue;
            }
            String state = Sql.one(c, "SELECT state FROM planned_call WHERE appointment_key = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                    rs -> rs.getString(1), key).orElse("no call planned");
            long events = Sql.one(c, "SELECT COUNT(*) FROM appointment_event WHERE appointment_key = ?", rs -> rs.getLong(1), key).orElse(0L);
            hits.add(new Hit("appointment", matchedBy, key, null, null, "appointment " + key + ": " + events + " event(s), call " + state));
        }
    }

    private static void batches(Connection c, List<Hit> hits, String matchedBy, String sql, Object... values) throws SQLException {
        hits.addAll(Sql.list(c, sql + " FETCH FIRST " + SEARCH_LIMIT + " ROWS ONLY", rs -> new Hit("batch", matchedBy, null,
                rs.getLong("id"), null, "batch " + rs.getString("name") + ": " + rs.getString("state")), values));
    }

    /** An event as the timeline shows it. */
    public record TimelineEvent(long id, String kind, Instant receivedAt, String source, String sourceRef, String controlId,
                                Instant startAt, String state, String stateReason) {
    }

    /** A report delivery to one sink. */
    public record Delivery(String sink, String state, int attempts, Instant deliveredAt, String lastError) {
    }

    /** The final status the poller saw. */
    public record Result(String status, Instant endedAt) {
    }

    /** A planning decision and what became of it. */
    public record TimelineCall(long id, long eventId, String state, String reason, Instant callAt, Instant dueAt, Long batchId,
                               String batchName, String apiBatchId, String callId, String callStatus, Result result,
                               List<Delivery> deliveries) {
    }

    /** Everything known about one appointment, oldest first. */
    public record Timeline(String appointmentKey, String appointmentId, String patientId, List<TimelineEvent> events,
                           List<TimelineCall> calls) {
    }

    /** The timeline of an appointment, or empty when no event of it is stored. */
    public Optional<Timeline> timeline(String appointmentKey) {
        return db.inTransaction(c -> {
            List<TimelineEvent> events = new ArrayList<>();
            String[] ids = new String[2];
            for (Object[] row : Sql.list(c, "SELECT id, kind, received_at, source, source_ref, control_id, start_at, state,"
                    + " state_reason, appointment_id, patient_id FROM appointment_event WHERE appointment_key = ? ORDER BY id",
                    rs -> new Object[] {new TimelineEvent(rs.getLong("id"), rs.getString("kind"), Sql.instant(rs, "received_at"),
                            rs.getString("source"), rs.getString("source_ref"), rs.getString("control_id"),
                            Sql.instant(rs, "start_at"), rs.getString("state"), rs.getString("state_reason")),
                            rs.getString("appointment_id"), rs.getString("patient_id")}, appointmentKey)) {
                events.add((TimelineEvent) row[0]);
                ids[0] = (String) row[1];
                ids[1] = row[2] != null ? (String) row[2] : ids[1];
            }
            if (events.isEmpty()) {
                return Optional.<Timeline>empty();
            }
            List<TimelineCall> calls = new ArrayList<>();
            for (TimelineCall call : Sql.list(c, "SELECT p.id, p.event_id, p.state, p.reason, p.call_at, p.due_at, p.batch_id,"
                    + " b.name, COALESCE(p.api_batch_id, b.api_batch_id) AS api_batch_id, p.call_id, p.call_status,"
                    + " r.status AS result_status, r.ended_at FROM planned_call p LEFT JOIN call_batch b ON b.id = p.batch_id"
                    + " LEFT JOIN call_result r ON r.call_id = p.call_id WHERE p.appointment_key = ? ORDER BY p.id",
                    rs -> new TimelineCall(rs.getLong("id"), rs.getLong("event_id"), rs.getString("state"), rs.getString("reason"),
                            Sql.instant(rs, "call_at"), Sql.instant(rs, "due_at"), Sql.nullableLong(rs, "batch_id"),
                            rs.getString("name"), rs.getString("api_batch_id"), rs.getString("call_id"), rs.getString("call_status"),
                            rs.getString("result_status") == null ? null
                                    : new Result(rs.getString("result_status"), Sql.instant(rs, "ended_at")),
                            List.of()), appointmentKey)) {
                List<Delivery> deliveries = call.callId() == null ? List.of() : Sql.list(c, "SELECT sink, state, attempts,"
                        + " delivered_at, last_error FROM sink_delivery WHERE call_id = ? ORDER BY sink", rs -> new Delivery(
                        rs.getString("sink"), rs.getString("state"), rs.getInt("attempts"), Sql.instant(rs, "delivered_at"),
                        rs.getString("last_error")), call.callId());
                calls.add(new TimelineCall(call.id(), call.eventId(), call.state(), call.reason(), call.callAt(), call.dueAt(),
                        call.batchId(), call.batchName(), call.apiBatchId(), call.callId(), call.callStatus(), call.result(),
                        deliveries));
            }
            return Optional.of(new Timeline(appointmentKey, ids[0], ids[1], events, calls));
        });
    }

    /** A rejected input as lists show it. */
    public record RejectedInput(long id, String source, String sourceRef, String reason, Instant receivedAt, String category,
                                String keptFile, Instant replayedAt, String replayOutcome) {
    }

    /** A page of items, newest first, and the id to pass as {@code before} for the next (null: the last page). */
    public record Page<T>(List<T> items, Long next) {
    }

    private static final String REJECTION_COLUMNS = "id, source, source_ref, reason, received_at, category, kept_file,"
            + " replayed_at, replay_outcome";

    /** Rejected inputs with an id below {@code before} (null: from the newest). */
    public Page<RejectedInput> rejections(Long before, int limit) {
        return db.inTransaction(c -> page(Sql.list(c, "SELECT " + REJECTION_COLUMNS + " FROM rejection WHERE id < ?"
                + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY", OpsQueries::rejection, before == null ? Long.MAX_VALUE : before,
                limit + 1), limit, RejectedInput::id));
    }

    public Optional<RejectedInput> rejection(long id) {
        return db.inTransaction(c -> Sql.one(c, "SELECT " + REJECTION_COLUMNS + " FROM rejection WHERE id = ?",
                OpsQueries::rejection, id));
    }

    /** Records what a replay gave. */
    public void replayed(long id, Instant at, String outcome) {
        db.inTransaction(c -> Sql.update(c, "UPDATE rejection SET replayed_at = ?, replay_outcome = ? WHERE id = ?", at,
                Sql.errorText(outcome), id));
    }

    private static RejectedInput rejection(ResultSet rs) throws SQLException {
        return new RejectedInput(rs.getLong("id"), rs.getString("source"), rs.getString("source_ref"), rs.getString("reason"),
                Sql.instant(rs, "received_at"), rs.getString("category"), rs.getString("kept_file"),
                Sql.instant(rs, "replayed_at"), rs.getString("replay_outcome"));
    }

    /** A batch as lists show it. */
    public record BatchRow(long id, String name, String state, String agentId, Instant scheduledAt, long size, int attempts,
                           String lastError, String apiBatchId, Instant createdAt, Instant sentAt) {
    }

    /** A call of a batch. */
    public record BatchCall(long id, String appointmentKey, String state, String callId, String callStatus) {
    }

    private static final String BATCH_SELECT = "SELECT b.id, b.name, b.state, b.agent_id, b.scheduled_at, b.attempts,"
            + " b.last_error, b.api_batch_id, b.created_at, b.sent_at,"
            + " (SELECT COUNT(*) FROM planned_call p WHERE p.batch_id = b.id) AS size FROM call_batch b";

    /** Batches with an id below {@code before}, in one state or any (null). */
    public Page<BatchRow> batches(String state, Long before, int limit) {
        long below = before == null ? Long.MAX_VALUE : before;
        return db.inTransaction(c -> page(state == null
                ? Sql.list(c, BATCH_SELECT + " WHERE b.id < ? ORDER BY b.id DESC FETCH FIRST ? ROWS ONLY", OpsQueries::batch, below, limit + 1)
                : Sql.list(c, BATCH_SELECT + " WHERE b.state = ? AND b.id < ? ORDER BY b.id DESC FETCH FIRST ? ROWS ONLY",
                        OpsQueries::batch, state, below, limit + 1), limit, BatchRow::id));
    }

    public Optional<BatchRow> batch(long id) {
        return db.inTransaction(c -> Sql.one(c, BATCH_SELECT + " WHERE b.id = ?", OpsQueries::batch, id));
    }

    public List<BatchCall> batchCalls(long id) {
        return db.inTransaction(c -> Sql.list(c, "SELECT id, appointment_key, state, call_id, call_status FROM planned_call"
                + " WHERE batch_id = ? ORDER BY id", rs -> new BatchCall(rs.getLong("id"), rs.getString("appointment_key"),
                rs.getString("state"), rs.getString("call_id"), rs.getString("call_status")), id));
    }

    private static BatchRow batch(ResultSet rs) throws SQLException {
        return new BatchRow(rs.getLong("id"), rs.getString("name"), rs.getString("state"), rs.getString("agent_id"),
                Sql.instant(rs, "scheduled_at"), rs.getLong("size"), rs.getInt("attempts"), rs.getString("last_error"),
                rs.getString("api_batch_id"), Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at"));
    }

    /** Stored events and rejections of one source since two instants. */
    public record IntakeCounts(String source, long storedToday, long storedLastHour, long rejectedToday, long rejectedLastHour) {
    }

    /** Per source: events stored and inputs rejected since {@code dayStart} and since {@code hourAgo}. */
    public List<IntakeCounts> intake(Instant dayStart, Instant hourAgo) {
        return db.inTransaction(c -> {
            Map<String, long[]> counts = new LinkedHashMap<>();
            count(c, counts, "SELECT source, COUNT(*) FROM appointment_event WHERE received_at >= ? GROUP BY source", dayStart, 0);
            count(c, counts, "SELECT source, COUNT(*) FROM appointment_event WHERE received_at >= ? GROUP BY source", hourAgo, 1);
            count(c, counts, "SELECT source, COUNT(*) FROM rejection WHERE received_at >= ? GROUP BY source", dayStart, 2);
            count(c, counts, "SELECT source, COUNT(*) FROM rejection WHERE received_at >= ? GROUP BY source", hourAgo, 3);
            List<IntakeCounts> rows = new ArrayList<>();
            counts.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rows.add(
                    new IntakeCounts(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])));
            return rows;
        });
    }

    private static void count(Connection c, Map<String, long[]> counts, String sql, Instant since, int slot) throws SQLException {
        for (Object[] row : Sql.list(c, sql, rs -> new Object[] {rs.getString(1), rs.getLong(2)}, since)) {
            counts.computeIfAbsent((String) row[0], k -> new long[4])[slot] = (Long) row[1];
        }
    }

    /** Report deliveries by sink and state. */
    public record DeliveryCount(String sink, String state, long count) {
    }

    public List<DeliveryCount> deliveries() {
        return db.inTransaction(c -> Sql.list(c, "SELECT sink, state, COUNT(*) FROM sink_delivery GROUP BY sink, state"
                + " ORDER BY sink, state", rs -> new DeliveryCount(rs.getString(1), rs.getString(2), rs.getLong(3))));
    }

    /** Every lease and who holds it. */
    public List<Lease> leases() {
        return db.inTransaction(c -> Sql.list(c, "SELECT name, owner, acquired_at, expires_at FROM lease ORDER BY name",
                rs -> new Lease(rs.getString("name"), rs.getString("owner"), Sql.instant(rs, "acquired_at"),
                        Sql.instant(rs, "expires_at"))));
    }

    /** When the oldest stored event or rejection was received, or null for an empty store. */
    public Instant oldestRecord() {
        return db.inTransaction(c -> {
            Instant event = Sql.list(c, "SELECT MIN(received_at) AS at FROM appointment_event", rs -> Optional.ofNullable(
                    Sql.instant(rs, "at"))).get(0).orElse(null);
            Instant rejection = Sql.list(c, "SELECT MIN(received_at) AS at FROM rejection", rs -> Optional.ofNullable(
                    Sql.instant(rs, "at"))).get(0).orElse(null);
            return event == null ? rejection : rejection == null || event.isBefore(rejection) ? event : rejection;
        });
    }

    /** The database's size in bytes: PostgreSQL's own figure, or the H2 file's; null when unknown (in memory). */
    public Long sizeBytes() {
        return db.inTransaction(c -> {
            if ("PostgreSQL".equals(db.product())) {
                return Sql.one(c, "SELECT pg_database_size(current_database())", rs -> rs.getLong(1)).orElse(null);
            }
            String path = Sql.one(c, "SELECT DATABASE_PATH()", rs -> rs.getString(1)).orElse(null);
            return path == null ? null : fileSize(Path.of(path + ".mv.db"));
        });
    }

    /** The folder holding the H2 file, or null (PostgreSQL, in memory). */
    public Path h2Folder() {
        if (!"H2".equals(db.product())) {
            return null;
        }
        String path = db.inTransaction(c -> Sql.one(c, "SELECT DATABASE_PATH()", rs -> rs.getString(1)).orElse(null));
        return path == null ? null : Path.of(path).toAbsolutePath().getParent();
    }

    private static Long fileSize(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.ToLongFunction<T> id) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        List<T> items = rows.subList(0, limit);
        return new Page<>(List.copyOf(items), id.applyAsLong(items.get(limit - 1)));
    }
}
