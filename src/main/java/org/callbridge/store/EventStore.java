package org.callbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.appointment.PatientIdentifier;
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
            + " mrn, mrn_authority, start_at, start_zone, duration_seconds, appointment_type, provider, location, status,"
            + " control_id, language, received_at, state, state_reason";
    private static final String INSERT = "INSERT INTO appointment_event (dedup_key, source, source_ref, feed,"
            + " appointment_id, appointment_key, kind, patient_id, mrn, mrn_authority, start_at, start_zone, duration_seconds,"
            + " appointment_type, provider, location, status, control_id, language, received_at, state, state_at, owner_key)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_REJECTION = "INSERT INTO rejection (source, source_ref, reason, kept_file,"
            + " appointment_key, received_at, category) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String REJECTION_COLUMNS = "id, source, source_ref, reason, kept_file, appointment_key,"
            + " received_at, category";
    private static final String OWNER = "SELECT appointment_key, patient_id, mrn FROM appointment_event WHERE owner_key = ?";
    /** Events looked up per statement by {@link #appendAll}. */
    private static final int LOOKUP_KEYS = 100;
    /**
     * Every row of any of the appointments: the duplicates among the events to append are picked out of them, and each
     * appointment's first row says whose it is. Served by the unique index on (appointment key, dedup key).
     */
    private static final String LOOKUP = "SELECT appointment_key, dedup_key, id, patient_id, mrn FROM appointment_event"
            + " WHERE appointment_key IN (" + String.join(", ", Collections.nCopies(LOOKUP_KEYS, "?")) + ")";

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
        Keyed keyed = new Keyed(event);
        AppendResult result = db.inTransaction(c -> appendIn(c, keyed, clock.instant()));
        LOG.debug("event {} {} from {}", result.id(), result.status(), event.source());
        return result;
    }

    /**
     * Stores a file's events in one transaction (all or none); results in input order, duplicates within the list too.
     * The events already stored are looked up first and the new ones inserted in one JDBC batch; when the batch
     * meets an event another writer stored meanwhile, it is undone and the events are stored one by one.
     */
    public List<AppendResult> appendAll(List<AppointmentEvent> events) {
        List<Keyed> keyed = new ArrayList<>(events.size());
        for (AppointmentEvent event : events) {
            keyed.add(new Keyed(event));
        }
        List<AppendResult> results = db.inTransaction(c -> {
            Instant now = clock.instant();
            // first occurrence of each key, inserted in key order so overlapping batches lock in the same order
            TreeMap<Keyed, Keyed> firsts = new TreeMap<>();
            // the first event of each appointment in input order: a new appointment belongs to its patient
            Map<String, AppointmentEvent> firstOfAppointment = new HashMap<>();
            for (Keyed k : keyed) {
                firsts.putIfAbsent(k, k);
                firstOfAppointment.putIfAbsent(k.appointmentKey(), k.event());
            }
            Map<Keyed, AppendResult> byKey = appendFirsts(c, new ArrayList<>(firsts.keySet()), firstOfAppointment, now);
            List<AppendResult> out = new ArrayList<>(events.size());
            Set<Keyed> answered = new HashSet<>();
            for (Keyed k : keyed) {
                AppendResult r = byKey.get(k);
                out.add(answered.add(k) ? r : AppendResult.duplicate(r.id()));
            }
            return out;
        });
        LOG.debug("{} events appended, {} new", results.size(), results.stream().filter(AppendResult::isStored).count());
        return results;
    }

    /** Appends distinct events, in key order: duplicates found, conflicts refused, the rest inserted in one batch. */
    private Map<Keyed, AppendResult> appendFirsts(Connection c, List<Keyed> firsts,
            Map<String, AppointmentEvent> firstOfAppointment, Instant now) throws SQLException {
        Map<Keyed, AppendResult> byKey = new HashMap<>(firsts.size() * 2);
        if (firsts.size() == 1) {
            byKey.put(firsts.get(0), appendIn(c, firsts.get(0), now));
            return byKey;
        }
        Map<String, Owner> owners = new HashMap<>(firsts.size() * 2);
        existing(c, firsts, byKey, owners);
        List<Keyed> fresh = new ArrayList<>(firsts.size());
        for (Keyed k : firsts) {
            if (!byKey.containsKey(k)) {
                fresh.add(k);
            }
        }
        if (fresh.isEmpty()) {
            return byKey;
        }
        // a new appointment belongs to the patient of its first event in input order, which carries its owner key
        Set<AppointmentEvent> owning = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Keyed> insert = new ArrayList<>(fresh.size());
        for (Keyed k : fresh) {
            Owner owner = owners.get(k.appointmentKey());
            if (owner == null) {
                AppointmentEvent first = firstOfAppointment.get(k.appointmentKey());
                owner = Owner.of(first);
                owners.put(k.appointmentKey(), owner);
                owning.add(first);
            }
            if (owner.isAnotherPatientThan(k.event())) {
                byKey.put(k, AppendResult.conflict());
            } else {
                insert.add(k);
            }
        }
        Savepoint beforeBatch = c.setSavepoint();
        try {
            List<Long> ids = insertBatch(c, insert, owning, now);
            c.releaseSavepoint(beforeBatch);
            for (int i = 0; i < insert.size(); i++) {
                byKey.put(insert.get(i), AppendResult.stored(ids.get(i)));
            }
        } catch (SQLException e) {
            if (!Sql.isUniqueViolationAnywhere(e)) {
                throw Sql.firstFailure(e);
            }
            // another writer stored one of these events or appointments since the look-up: one by one, each decided
            // again, each appointment's first event in input order first
            c.rollback(beforeBatch);
            List<Keyed> inOrder = new ArrayList<>(fresh);
            inOrder.sort(Comparator.comparing(k -> k.event() != firstOfAppointment.get(k.appointmentKey())));
            for (Keyed k : inOrder) {
                byKey.put(k, appendIn(c, k, now));
            }
        }
        return byKey;
    }

    /**
     * The patient an appointment belongs to: the one of its first stored event. Another event is of another patient
     * when both name a Calls API patient and these differ, or, lacking those, both name an MRN and these differ.
     */
    private record Owner(String appointmentKey, String patientId, String mrn) {
        static Owner of(AppointmentEvent event) {
            return new Owner(event.appointmentKey(), event.patientId(), event.mrn());
        }

        boolean isAnotherPatientThan(AppointmentEvent event) {
            if (patientId != null && event.patientId() != null) {
                return !patientId.equals(event.patientId());
            }
            return mrn != null && event.mrn() != null && !mrn.equals(event.mrn());
        }
    }

    private static Optional<Owner> owner(Connection c, String appointmentKey) throws SQLException {
        return Sql.one(c, OWNER, rs -> new Owner(rs.getString(1), rs.getString(2), rs.getString(3)), appointmentKey);
    }

    /** Puts a duplicate result for each of the events already stored, looked up {@value #LOOKUP_KEYS} at a time. */
    private static void existing(Connection c, List<Keyed> events, Map<Keyed, AppendResult> byKey,
            Map<String, Owner> owners) throws SQLException {
        Set<Keyed> wanted = new HashSet<>(events);
        Map<String, Long> firstIds = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOOKUP)) {
            for (int from = 0; from < events.size(); from += LOOKUP_KEYS) {
                for (int i = 0; i < LOOKUP_KEYS; i++) {
                    // a short last slice repeats its last event: one statement text for every look-up
                    ps.setString(i + 1, events.get(Math.min(from + i, events.size() - 1)).appointmentKey());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String appointmentKey = rs.getString(1);
                        long id = rs.getLong(3);
                        Keyed stored = new Keyed(appointmentKey, rs.getString(2), null);
                        if (wanted.contains(stored)) {
                            byKey.put(stored, AppendResult.duplicate(id));
                        }
                        // the appointment belongs to the patient of its first event
                        Long first = firstIds.get(appointmentKey);
                        if (first == null || id < first) {
                            firstIds.put(appointmentKey, id);
                            owners.put(appointmentKey, new Owner(appointmentKey, rs.getString(4), rs.getString(5)));
                        }
                    }
                }
            }
        }
    }

    /** Inserts the events in one JDBC batch; their generated ids in the same order. */
    private static List<Long> insertBatch(Connection c, List<Keyed> events, Set<AppointmentEvent> owning, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT, new String[] {"id"})) {
            for (Keyed k : events) {
                Sql.bind(ps, insertValues(k, owning.contains(k.event()), now));
                ps.addBatch();
            }
            ps.executeBatch();
            List<Long> ids = new ArrayList<>(events.size());
            try (ResultSet keys = ps.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
            if (ids.size() != events.size()) {
                throw new SQLException("the batch returned " + ids.size() + " generated keys for " + events.size() + " rows");
            }
            return ids;
        }
    }

    /** @param owns whether the event is its appointment's first: it then carries the appointment key as owner key */
    private static Object[] insertValues(Keyed k, boolean owns, Instant now) {
        AppointmentEvent e = k.event();
        return new Object[] {k.dedupKey(), e.source(), e.sourceRef(),
                e.feed(), e.appointmentId(), k.appointmentKey(), e.kind().name(), e.patientId(), e.mrn(),
                e.mrnAuthority(),
                e.start() == null ? null : e.start().toInstant(),
                e.start() == null ? null : e.start().getZone().getId(),
                e.duration() == null ? null : e.duration().toSeconds(),
                e.appointmentType(), e.provider(), e.location(), e.status(), e.controlId(), e.language(), now, RECEIVED, now,
                owns ? k.appointmentKey() : null};
    }

    /**
     * One event: a duplicate found, or the appointment's owner checked and the event inserted, the first event of an
     * appointment carrying its owner key. When another writer stored the event, or the appointment's first event,
     * just before, the unique constraints say so and the event is decided again.
     */
    private AppendResult appendIn(Connection c, Keyed k, Instant now) throws SQLException {
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Owner> owner = owner(c, k.appointmentKey());
            if (owner.isPresent() && owner.get().isAnotherPatientThan(k.event())) {
                return AppendResult.conflict();
            }
            Optional<Long> id = Sql.unlessDuplicate(c, x -> Sql.insert(x, INSERT, insertValues(k, owner.isEmpty(), now)));
            if (id.isPresent()) {
                return AppendResult.stored(id.get());
            }
            Optional<Long> duplicate = Sql.one(c, "SELECT id FROM appointment_event WHERE appointment_key = ?"
                    + " AND dedup_key = ?", rs -> rs.getLong(1), k.appointmentKey(), k.dedupKey());
            if (duplicate.isPresent()) {
                return AppendResult.duplicate(duplicate.get());
            }
            // another writer stored this appointment's first event just now: decided again against it
        }
        throw new SQLException("the appointment's first event changed twice while one event was stored", Database.RETRY_STATE);
    }

    /**
     * An event with its keys computed once (the dedup key is a hash). Equal, and ordered, by what the
     * outbox keeps unique: appointment key, then dedup key.
     */
    private record Keyed(String appointmentKey, String dedupKey, AppointmentEvent event) implements Comparable<Keyed> {
        Keyed(AppointmentEvent event) {
            this(event.appointmentKey(), event.dedupKey(), event);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Keyed k && appointmentKey.equals(k.appointmentKey) && dedupKey.equals(k.dedupKey);
        }

        @Override
        public int hashCode() {
            return 31 * appointmentKey.hashCode() + dedupKey.hashCode();
        }

        @Override
        public int compareTo(Keyed other) {
            int byAppointment = appointmentKey.compareTo(other.appointmentKey);
            return byAppointment != 0 ? byAppointment : dedupKey.compareTo(other.dedupKey);
        }
    }

    /** Records an input that is not an event, with a PHI-free reason and the path where the input was kept. */
    public long reject(String source, String sourceRef, String reason, String keptFile, String appointmentKey) {
        return reject(source, sourceRef, reason, keptFile, appointmentKey, null);
    }

    /** As {@link #reject(String, String, String, String, String)}, of a kind alerts look for (see {@link Rejection}). */
    public long reject(String source, String sourceRef, String reason, String keptFile, String appointmentKey,
            String category) {
        long id = db.inTransaction(c -> Sql.insert(c, INSERT_REJECTION,
                source, sourceRef, reason, keptFile, appointmentKey, clock.instant(), category));
        LOG.debug("rejection {} from {}", id, source);
        return id;
    }

    /** Records several inputs that are not events (as {@link #reject}), in one transaction and one JDBC batch. */
    public void rejectAll(List<RejectedInput> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(INSERT_REJECTION)) {
                for (RejectedInput r : inputs) {
                    Sql.bind(ps, r.source(), r.sourceRef(), r.reason(), r.keptFile(), r.appointmentKey(), now, r.category());
                    ps.addBatch();
                }
                ps.executeBatch();
            } catch (SQLException e) {
                throw Sql.firstFailure(e);
            }
            return null;
        });
        LOG.debug("{} rejections from {}", inputs.size(), inputs.get(0).source());
    }

    /** An input that is not an event, for {@link #rejectAll}: the arguments of {@link #reject}. */
    public record RejectedInput(String source, String sourceRef, String reason, String keptFile, String appointmentKey,
                                String category) {
        public RejectedInput(String source, String sourceRef, String reason, String keptFile, String appointmentKey) {
            this(source, sourceRef, reason, keptFile, appointmentKey, null);
        }
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
        return db.inTransaction(c -> Sql.list(c, "SELECT " + REJECTION_COLUMNS + " FROM rejection ORDER BY id",
                EventStore::rejection));
    }

    /** The rejected inputs of one category, oldest first, at most {@code limit}. */
    public List<Rejection> rejections(String category, int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT " + REJECTION_COLUMNS + " FROM rejection WHERE category = ?"
                + " ORDER BY id FETCH FIRST ? ROWS ONLY", EventStore::rejection, category, limit));
    }

    private static Rejection rejection(ResultSet rs) throws SQLException {
        return new Rejection(rs.getLong("id"), rs.getString("source"), rs.getString("source_ref"), rs.getString("reason"),
                rs.getString("kept_file"), rs.getString("appointment_key"), Sql.instant(rs, "received_at"),
                rs.getString("category"));
    }

    private static StoredEvent row(ResultSet rs) throws SQLException {
        Instant startAt = Sql.instant(rs, "start_at");
        String zone = rs.getString("start_zone");
        ZonedDateTime start = startAt == null ? null : startAt.atZone(zone == null ? ZoneId.of("UTC") : ZoneId.of(zone));
        Long seconds = Sql.nullableLong(rs, "duration_seconds");
        String mrn = rs.getString("mrn");
        String mrnAuthority = rs.getString("mrn_authority");
        List<PatientIdentifier> identifiers = mrn == null || mrnAuthority == null ? List.of()
                : List.of(new PatientIdentifier(mrn, mrnAuthority, "MR"));
        AppointmentEvent event = new AppointmentEvent(rs.getString("source"), rs.getString("source_ref"),
                rs.getString("feed"), rs.getString("appointment_id"), EventKind.valueOf(rs.getString("kind")), identifiers,
                rs.getString("patient_id"), mrn, start, seconds == null ? null : Duration.ofSeconds(seconds),
                rs.getString("appointment_type"), rs.getString("provider"), rs.getString("location"),
                rs.getString("status"), rs.getString("control_id"), null, rs.getString("language"));
        return new StoredEvent(rs.getLong("id"), rs.getString("dedup_key"), event, Sql.instant(rs, "received_at"),
                rs.getString("state"), rs.getString("state_reason"));
    }
}
