package org.callbridge.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound half of the outbox: appointment events stored once per dedup key, and rejected inputs.
 * Every write returns only after its commit, so a caller may acknowledge the input afterwards.
 */
public final class EventStore {
    /** State of an event nobody has planned yet. */
    public static final String RECEIVED = "RECEIVED";
    /** State of an event that has a planned call ({@link CallStore#plan}). */
    public static final String PLANNED = "PLANNED";
    /** State of an event that gets no call ({@link CallStore#skip}). */
    public static final String SKIPPED = "SKIPPED";

    private static final Logger LOG = LoggerFactory.getLogger(EventStore.class);
    private static final String COLUMNS = "id, dedup_key, source, source_ref, feed, appointment_id, kind, patient_id,"
            + " mrn, start_at, start_zone, duration_seconds, appointment_type, provider, location, status, control_id,"
            + " received_at, state, state_reason";
    private static final String INSERT = "INSERT INTO appointment_event (dedup_key, source, source_ref, feed,"
            + " appointment_id, appointment_key, kind, patient_id, mrn, start_at, start_zone, duration_seconds,"
            + " appointment_type, provider, location, status, control_id, received_at, state, state_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Database db;
    private final Clock clock;

    public EventStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public EventStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores the event unless its dedup key is already stored; returns after the commit. */
    public AppendResult append(AppointmentEvent event) {
        AppendResult result = db.inTransaction(c -> appendIn(c, event, clock.instant()));
        LOG.debug("event {} {} from {}", result.id(), result.status(), event.source());
        return result;
    }

    /** Stores a file's events in one transaction (all or none); results in input order, duplicates within the list too. */
    public List<AppendResult> appendAll(List<AppointmentEvent> events) {
        List<AppendResult> results = db.inTransaction(c -> {
            Instant now = clock.instant();
            // first occurrence of each key, inserted in key order so overlapping batches lock in the same order
            Map<String, AppointmentEvent> firsts = new TreeMap<>();
            for (AppointmentEvent event : events) {
                firsts.putIfAbsent(event.dedupKey(), event);
            }
            Map<String, AppendResult> byKey = new HashMap<>();
            for (Map.Entry<String, AppointmentEvent> first : firsts.entrySet()) {
                byKey.put(first.getKey(), appendIn(c, first.getValue(), now));
            }
            List<AppendResult> out = new ArrayList<>(events.size());
            Set<String> answered = new HashSet<>();
            for (AppointmentEvent event : events) {
                AppendResult r = byKey.get(event.dedupKey());
                out.add(answered.add(event.dedupKey()) ? r : AppendResult.duplicate(r.id()));
            }
            return out;
        });
        LOG.debug("{} events appended, {} new", results.size(), results.stream().filter(AppendResult::isStored).count());
        return results;
    }

    private AppendResult appendIn(Connection c, AppointmentEvent e, Instant now) throws SQLException {
        String key = e.dedupKey();
        Optional<Long> id = Sql.unlessDuplicate(c, x -> Sql.insert(x, INSERT, key, e.source(), e.sourceRef(),
                e.feed(), e.appointmentId(), e.appointmentKey(), e.kind().name(), e.patientId(), e.mrn(),
                e.start() == null ? null : e.start().toInstant(),
                e.start() == null ? null : e.start().getZone().getId(),
                e.duration() == null ? null : e.duration().toSeconds(),
                e.appointmentType(), e.provider(), e.location(), e.status(), e.controlId(), now, RECEIVED, now));
        if (id.isPresent()) {
            return AppendResult.stored(id.get());
        }
        long existing = Sql.one(c, "SELECT id FROM appointment_event WHERE dedup_key = ?", rs -> rs.getLong(1), key)
                .orElseThrow(() -> new IllegalStateException("unique violation on an event without a matching dedup key"));
        return AppendResult.duplicate(existing);
    }

    /** Records an input that is not an event, with a PHI-free reason and the path where the input was kept. */
    public long reject(String source, String sourceRef, String reason, String keptFile, String appointmentKey) {
        long id = db.inTransaction(c -> Sql.insert(c,
                "INSERT INTO rejection (source, source_ref, reason, kept_file, appointment_key, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                source, sourceRef, reason, keptFile, appointmentKey, clock.instant()));
        LOG.debug("rejection {} from {}", id, source);
        return id;
    }

    /** Events in {@code state}, oldest first, at most {@code limit}. */
    public List<StoredEvent> eventsInState(String state, int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM appointment_event WHERE state = ?"
                + " ORDER BY id FETCH FIRST ? ROWS ONLY", EventStore::row, state, limit));
    }

    /** Moves an event to {@code state} (RECEIVED, PLANNED, SKIPPED or a planner's own) with an optional reason. */
    public void markState(long id, String state, String reason) {
        int n = db.inTransaction(c -> Sql.update(c,
                "UPDATE appointment_event SET state = ?, state_reason = ?, state_at = ? WHERE id = ?",
                state, reason, clock.instant(), id));
        if (n == 0) {
            throw new IllegalArgumentException("no appointment event " + id);
        }
    }

    /** The event with this id. */
    public Optional<StoredEvent> find(long id) {
        return db.inTransaction(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM appointment_event WHERE id = ?",
                EventStore::row, id));
    }

    /** The newest stored event of an appointment ({@link AppointmentEvent#appointmentKey()}). */
    public Optional<StoredEvent> latestFor(String appointmentKey) {
        return db.inTransaction(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM appointment_event"
                + " WHERE appointment_key = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY", EventStore::row, appointmentKey));
    }

    /** Stored events per source channel, sorted by source. */
    public Map<String, Long> countBySource() {
        return db.inTransaction(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object[] row : Sql.list(c, "SELECT source, COUNT(*) FROM appointment_event GROUP BY source ORDER BY source",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
                counts.put((String) row[0], (Long) row[1]);
            }
            return counts;
        });
    }

    /** Number of rejected inputs. */
    public long rejectionCount() {
        return db.inTransaction(c -> Sql.one(c, "SELECT COUNT(*) FROM rejection", rs -> rs.getLong(1)).orElse(0L));
    }

    /** Every rejected input, oldest first. */
    public List<Rejection> rejections() {
        return db.inTransaction(c -> Sql.list(c, "SELECT id, source, source_ref, reason, kept_file, appointment_key,"
                + " received_at FROM rejection ORDER BY id", rs -> new Rejection(rs.getLong("id"), rs.getString("source"),
                rs.getString("source_ref"), rs.getString("reason"), rs.getString("kept_file"),
                rs.getString("appointment_key"), Sql.instant(rs, "received_at"))));
    }

    private static StoredEvent row(ResultSet rs) throws SQLException {
        Instant startAt = Sql.instant(rs, "start_at");
        String zone = rs.getString("start_zone");
        ZonedDateTime start = startAt == null ? null : startAt.atZone(zone == null ? ZoneId.of("UTC") : ZoneId.of(zone));
        Long seconds = Sql.nullableLong(rs, "duration_seconds");
        AppointmentEvent event = new AppointmentEvent(rs.getString("source"), rs.getString("source_ref"),
                rs.getString("feed"), rs.getString("appointment_id"), EventKind.valueOf(rs.getString("kind")), List.of(),
                rs.getString("patient_id"), rs.getString("mrn"), start, seconds == null ? null : Duration.ofSeconds(seconds),
                rs.getString("appointment_type"), rs.getString("provider"), rs.getString("location"),
                rs.getString("status"), rs.getString("control_id"), null);
        return new StoredEvent(rs.getLong("id"), rs.getString("dedup_key"), event, Sql.instant(rs, "received_at"),
                rs.getString("state"), rs.getString("state_reason"));
    }
}
