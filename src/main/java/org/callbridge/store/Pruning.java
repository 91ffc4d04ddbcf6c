package org.callbridge.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.callbridge.callsapi.model.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes finished work older than the retention ({@code callbridge.retention}), so that the state database stays
 * bounded: whole appointments that are over and whose calls ended and were delivered, posted batches nothing refers to
 * any more, results of calls not placed by callbridge once delivered, old rejections, watched files, alerts that were
 * dealt with, and the console's audit after its own retention. Pending, in-flight and parked work is never deleted,
 * however old.
 *
 * <p>Each step runs in small transactions (at most {@value #BATCH} appointments or rows each) until nothing is left,
 * so that pruning never holds many locks for long. Every delete repeats the condition of its own rows, and children
 * go before their parents: when another transaction moved a row on between the look-up and the delete (a result
 * recorded, a delivery queued, a call planned), the row is kept, its parent's delete meets the foreign key, and the
 * transaction runs again with what is there now. Rows are deleted by id, so an event that arrives for an appointment
 * while it is pruned is never deleted with it.
 *
 * <p>Nothing here touches files: the kept input files of the pruned rejections are returned for the caller to delete.
 */
public final class Pruning {
    /** Appointments (or rows of the other tables) per transaction. */
    static final int BATCH = 500;

    private static final Logger LOG = LoggerFactory.getLogger(Pruning.class);
    private static final String FOREIGN_KEY_VIOLATION = "23503";
    /** Planned call states after which nothing more happens to the call; POSTED is final only with its result. */
    private static final Set<CallState> ENDED_CALLS = EnumSet.of(CallState.CANCELLED, CallState.SKIPPED,
            CallState.REJECTED, CallState.WITHDRAWN, CallState.NOT_WITHDRAWN, CallState.SUPERSEDED);
    /** Batch states after which the batch never changes again. */
    private static final Set<BatchState> ENDED_BATCHES = EnumSet.of(BatchState.POSTED, BatchState.EMPTY,
            BatchState.FAILED);
    /** The Calls API statuses after which a call never changes again, as SQL literals. */
    private static final String FINAL_STATUSES = literals(Call.FINAL_STATUSES);
    private static final String DELETABLE_CALL_STATES = CallStore.names(deletableCallStates());

    private final Database db;
    private final Clock clock;
    private final int batch;

    /** What one {@link #prune} deleted, counted per table, and the kept input files no rejection refers to any more. */
    public record Pruned(long appointments, long appointmentEvents, long plannedCalls, long callResults,
                         long sinkDeliveries, long callBatches, long rejections, long readFiles, long alerts, long audits,
                         List<String> keptFiles) {
        public Pruned {
            keptFiles = List.copyOf(keptFiles);
        }

        /** Rows deleted in all tables. */
        public long rows() {
            return appointmentEvents + plannedCalls + callResults + sinkDeliveries + callBatches + rejections + readFiles
                    + alerts + audits;
        }

        /** Counts only: the kept files' names may come from input. */
        @Override
        public String toString() {
            return "Pruned[appointments=" + appointments + ", appointment_event=" + appointmentEvents
                    + ", planned_call=" + plannedCalls + ", call_result=" + callResults + ", sink_delivery=" + sinkDeliveries
                    + ", call_batch=" + callBatches + ", rejection=" + rejections + ", read_file=" + readFiles
                    + ", alert=" + alerts + ", audit=" + audits + ", kept files=" + keptFiles.size() + "]";
        }
    }

    public Pruning(Database db, Clock clock) {
        this(db, clock, BATCH);
    }

    /** With another transaction size, for tests. */
    Pruning(Database db, Clock clock, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1");
        }
        this.db = db;
        this.clock = clock;
        this.batch = batch;
    }

    /**
     * Deletes the finished work older than {@code retention}, and the audit older than {@code auditRetention} (both
     * counted back from now in UTC), in transactions of at most {@value #BATCH} appointments or rows.
     *
     * @throws IllegalArgumentException if an amount is negative (its cutoff would lie ahead)
     */
    public Pruned prune(TemporalAmount retention, TemporalAmount auditRetention) {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Instant cutoff = cutoff(now, retention);
        Instant auditCutoff = cutoff(now, auditRetention);

        Count appointments = pruneAppointments(cutoff);
        Count unlinked = pruneUnlinkedResults(cutoff);
        long batches = deleteAll("call_batch", "state IN (" + literals(ENDED_BATCHES) + ") AND updated_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM planned_call p WHERE p.batch_id = call_batch.id)", cutoff);
        List<String> keptFiles = new ArrayList<>();
        long rejections = pruneRejections(cutoff, keptFiles);
        long readFiles = deleteAll("read_file", "watch_until < ?", cutoff);
        // an alert still seen is not over, even if someone acknowledged it long ago
        long alerts = deleteAll("alert", "(acknowledged_at < ? OR cleared_at < ?) AND last_seen_at < ?",
                cutoff, cutoff, cutoff);
        long audits = deleteAll("audit", "at < ?", auditCutoff);

        Pruned pruned = new Pruned(appointments.appointments, appointments.events, appointments.calls,
                appointments.results + unlinked.results, appointments.deliveries + unlinked.deliveries, batches,
                rejections, readFiles, alerts, audits, keptFiles);
        LOG.debug("pruned before {} (audit before {}): {}", cutoff, auditCutoff, pruned);
        return pruned;
    }

    private static Instant cutoff(ZonedDateTime now, TemporalAmount amount) {
        Instant cutoff = now.minus(amount).toInstant();
        if (cutoff.isAfter(now.toInstant())) {
            throw new IllegalArgumentException("a retention must not be negative: " + amount);
        }
        return cutoff;
    }

    /** What one transaction deleted. */
    private static final class Count {
        long appointments;
        long events;
        long calls;
        long results;
        long deliveries;
        /** Appointments looked at (a full page means there may be more). */
        int seen;
        /** The last appointment key looked at, where the next page starts. */
        String last;

        void add(Count other) {
            appointments += other.appointments;
            events += other.events;
            calls += other.calls;
            results += other.results;
            deliveries += other.deliveries;
        }
    }

    /**
     * Appointments with an event received before the cutoff, looked at {@code batch} at a time in key order (so that
     * appointments that must stay are passed over, not looked at again), each pruned whole or kept whole.
     */
    private Count pruneAppointments(Instant cutoff) {
        Count total = new Count();
        String after = null;
        while (true) {
            String from = after;
            Count page = db.inTransaction(c -> retryOnForeignKey(() -> appointmentPage(c, from, cutoff)));
            total.add(page);
            if (page.seen < batch) {
                return total;
            }
            after = page.last;
        }
    }

    private Count appointmentPage(Connection c, String after, Instant cutoff) throws SQLException {
        Count count = new Count();
        List<String> keys = after == null
                ? Sql.list(c, "SELECT DISTINCT appointment_key FROM appointment_event WHERE received_at < ?"
                        + " ORDER BY appointment_key FETCH FIRST ? ROWS ONLY", rs -> rs.getString(1), cutoff, batch)
                : Sql.list(c, "SELECT DISTINCT appointment_key FROM appointment_event WHERE received_at < ?"
                        + " AND appointment_key > ? ORDER BY appointment_key FETCH FIRST ? ROWS ONLY",
                        rs -> rs.getString(1), cutoff, after, batch);
        count.seen = keys.size();
        if (keys.isEmpty()) {
            return count;
        }
        count.last = keys.get(keys.size() - 1);
        String in = " IN (" + marks(keys.size()) + ")";
        Object[] keyArgs = keys.toArray();

        Set<String> kept = new HashSet<>();
        List<Long> eventIds = new ArrayList<>();
        List<Object[]> events = Sql.list(c, "SELECT appointment_key, id, received_at, start_at, state"
                + " FROM appointment_event WHERE appointment_key" + in, rs -> new Object[] {rs.getString(1), rs.getLong(2),
                        Sql.instant(rs, "received_at"), Sql.instant(rs, "start_at"), rs.getString(5)}, keyArgs);
        for (Object[] e : events) {
            Instant start = (Instant) e[3];
            if (!((Instant) e[2]).isBefore(cutoff) || (start != null && !start.isBefore(cutoff))
                    || EventStore.RECEIVED.equals(e[4])) {
                kept.add((String) e[0]);
            }
        }
        // a call not over yet, or one in a batch that is not (a withdrawn call in a parked batch stays with it)
        List<Object[]> calls = Sql.list(c, "SELECT p.appointment_key, p.id, p.state, b.state FROM planned_call p"
                + " LEFT JOIN call_batch b ON b.id = p.batch_id WHERE p.appointment_key" + in,
                rs -> new Object[] {rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)}, keyArgs);
        Set<Long> withFinalResult = new HashSet<>(Sql.list(c, "SELECT r.planned_call_id FROM call_result r"
                + " JOIN planned_call p ON p.id = r.planned_call_id WHERE r.status IN (" + FINAL_STATUSES + ")"
                + " AND p.appointment_key" + in, rs -> rs.getLong(1), keyArgs));
        for (Object[] p : calls) {
            CallState state = CallState.valueOf((String) p[2]);
            String batchState = (String) p[3];
            boolean over = ENDED_CALLS.contains(state) || state == CallState.POSTED && withFinalResult.contains((Long) p[1]);
            if (!over || batchState != null && !ENDED_BATCHES.contains(BatchState.valueOf(batchState))) {
                kept.add((String) p[0]);
            }
        }
        // a result not final, or a delivery not done, of any of its calls
        kept.addAll(Sql.list(c, "SELECT p.appointment_key FROM call_result r JOIN planned_call p ON p.id = r.planned_call_id"
                + " WHERE r.status NOT IN (" + FINAL_STATUSES + ") AND p.appointment_key" + in, rs -> rs.getString(1), keyArgs));
        kept.addAll(Sql.list(c, "SELECT p.appointment_key FROM sink_delivery d JOIN call_result r ON r.call_id = d.call_id"
                + " JOIN planned_call p ON p.id = r.planned_call_id WHERE d.state <> 'DELIVERED' AND p.appointment_key" + in,
                rs -> rs.getString(1), keyArgs));

        Set<String> pruned = new LinkedHashSet<>(keys);
        pruned.removeAll(kept);
        if (pruned.isEmpty()) {
            return count;
        }
        for (Object[] e : events) {
            if (pruned.contains((String) e[0])) {
                eventIds.add((Long) e[1]);
            }
        }
        List<Long> callIds = new ArrayList<>();
        for (Object[] p : calls) {
            if (pruned.contains((String) p[0])) {
                callIds.add((Long) p[1]);
            }
        }
        List<String> resultIds = new ArrayList<>();
        for (List<Long> chunk : chunks(callIds)) {
            resultIds.addAll(Sql.list(c, "SELECT call_id FROM call_result WHERE planned_call_id IN (" + marks(chunk.size())
                    + ")", rs -> rs.getString(1), chunk.toArray()));
        }
        count.appointments = pruned.size();
        count.deliveries = deleteIn(c, "sink_delivery", "state = 'DELIVERED' AND call_id", resultIds);
        count.results = deleteIn(c, "call_result", "status IN (" + FINAL_STATUSES + ") AND call_id", resultIds);
        count.calls = deleteIn(c, "planned_call", "state IN (" + DELETABLE_CALL_STATES + ") AND id", callIds);
        count.events = deleteIn(c, "appointment_event", "state <> '" + EventStore.RECEIVED + "' AND id", eventIds);
        return count;
    }

    private static CallState[] deletableCallStates() {
        Set<CallState> states = EnumSet.copyOf(ENDED_CALLS);
        states.add(CallState.POSTED);
        return states.toArray(new CallState[0]);
    }

    /** Results of calls not placed by callbridge (no planned call), ended before the cutoff and delivered everywhere. */
    private Count pruneUnlinkedResults(Instant cutoff) {
        Count total = new Count();
        while (true) {
            Count page = db.inTransaction(c -> retryOnForeignKey(() -> {
                Count count = new Count();
                List<String> ids = Sql.list(c, "SELECT r.call_id FROM call_result r WHERE r.planned_call_id IS NULL"
                        + " AND r.ended_at < ? AND r.status IN (" + FINAL_STATUSES + ") AND NOT EXISTS (SELECT 1 FROM"
                        + " sink_delivery d WHERE d.call_id = r.call_id AND d.state <> 'DELIVERED')"
                        + " ORDER BY r.call_id FETCH FIRST ? ROWS ONLY", rs -> rs.getString(1), cutoff, batch);
                count.seen = ids.size();
                count.deliveries = deleteIn(c, "sink_delivery", "state = 'DELIVERED' AND call_id", ids);
                count.results = deleteIn(c, "call_result", "planned_call_id IS NULL AND call_id", ids);
                return count;
            }));
            total.add(page);
            if (page.seen < batch) {
                return total;
            }
        }
    }

    /** Rejections received before the cutoff; adds each kept file once no rejection refers to it any more. */
    private long pruneRejections(Instant cutoff, List<String> keptFiles) {
        long total = 0;
        Set<String> files = new LinkedHashSet<>();
        while (true) {
            List<String> freed = new ArrayList<>();
            int[] seen = {0};
            long deleted = db.inTransaction(c -> retryOnForeignKey(() -> {
                freed.clear();
                List<Object[]> rows = Sql.list(c, "SELECT id, kept_file FROM rejection WHERE received_at < ?"
                        + " ORDER BY id FETCH FIRST ? ROWS ONLY", rs -> new Object[] {rs.getLong(1), rs.getString(2)},
                        cutoff, batch);
                seen[0] = rows.size();
                List<Long> ids = new ArrayList<>(rows.size());
                Set<String> theirFiles = new LinkedHashSet<>();
                for (Object[] row : rows) {
                    ids.add((Long) row[0]);
                    if (row[1] != null) {
                        theirFiles.add((String) row[1]);
                    }
                }
                long n = deleteIn(c, "rejection", "id", ids);
                // one kept file can hold many rejections (the bad rows of a CSV file): it goes with the last of them
                Set<String> stillUsed = new HashSet<>();
                for (List<String> chunk : chunks(new ArrayList<>(theirFiles))) {
                    stillUsed.addAll(Sql.list(c, "SELECT DISTINCT kept_file FROM rejection WHERE kept_file IN ("
                            + marks(chunk.size()) + ")", rs -> rs.getString(1), chunk.toArray()));
                }
                theirFiles.removeAll(stillUsed);
                freed.addAll(theirFiles);
                return n;
            }));
            total += deleted;
            files.addAll(freed);
            if (seen[0] < batch) {
                keptFiles.addAll(files);
                return total;
            }
        }
    }

    /** Deletes the rows of {@code table} matching {@code where}, {@code batch} per transaction, until none is left. */
    private long deleteAll(String table, String where, Object... args) {
        String sql = "DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table + " WHERE " + where
                + " FETCH FIRST ? ROWS ONLY)";
        Object[] withLimit = new Object[args.length + 1];
        System.arraycopy(args, 0, withLimit, 0, args.length);
        withLimit[args.length] = batch;
        long total = 0;
        while (true) {
            int n = db.inTransaction(c -> retryOnForeignKey(() -> Sql.update(c, sql, withLimit)));
            total += n;
            if (n < batch) {
                return total;
            }
        }
    }

    /** DELETE FROM table WHERE {@code condition} IN (values), at most {@code batch} values per statement. */
    private <T> long deleteIn(Connection c, String table, String condition, List<T> values) throws SQLException {
        long n = 0;
        for (List<T> chunk : chunks(values)) {
            n += Sql.update(c, "DELETE FROM " + table + " WHERE " + condition + " IN (" + marks(chunk.size()) + ")",
                    chunk.toArray());
        }
        return n;
    }

    private <T> List<List<T>> chunks(List<T> values) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < values.size(); from += batch) {
            chunks.add(values.subList(from, Math.min(values.size(), from + batch)));
        }
        return chunks;
    }

    /** The values as SQL string literals, sorted: constants of the code, never input. */
    private static String literals(Collection<?> values) {
        return values.stream().map(v -> "'" + v.toString().replace("'", "''") + "'").sorted()
                .collect(Collectors.joining(", "));
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** A unit of pruning that may meet a row another transaction just referred to. */
    @FunctionalInterface
    private interface Step<T> {
        T run() throws SQLException;
    }

    /**
     * A delete that met a foreign key: a child row was added or moved on since the look-up (e.g. a delivery queued
     * for a result). The transaction is rolled back and run again (as a serialization failure is), and then sees it.
     */
    private static <T> T retryOnForeignKey(Step<T> step) throws SQLException {
        try {
            return step.run();
        } catch (SQLException e) {
            if (FOREIGN_KEY_VIOLATION.equals(e.getSQLState())) {
                // without the cause: a foreign key's message quotes the row's values
                throw new SQLException("a row to prune is referred to again; pruning its batch again",
                        Database.RETRY_STATE);
            }
            throw e;
        }
    }
}
