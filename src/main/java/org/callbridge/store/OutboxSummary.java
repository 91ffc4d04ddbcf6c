package org.callbridge.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only counts over the outbox for summaries, health and metrics: where events stand, why
 * calls were skipped, what came back, and what is still under way. No PHI: reasons and states only.
 */
public final class OutboxSummary {
    private final Database db;

    public OutboxSummary(Database db) {
        this.db = db;
    }

    /** Events still waiting for the planner. */
    public long eventsWaiting() {
        return count("SELECT COUNT(*) FROM appointment_event WHERE state = 'RECEIVED'");
    }

    /** Planned calls by state (PENDING, POSTED, SKIPPED, ...). */
    public Map<String, Long> callsByState() {
        return grouped("SELECT state, COUNT(*) FROM planned_call GROUP BY state ORDER BY state");
    }

    /** Reasons of the calls in a state (SKIPPED, CANCELLED, REJECTED, NOT_WITHDRAWN, ...), with counts. */
    public Map<String, Long> reasons(String state) {
        return grouped("SELECT COALESCE(reason, '-'), COUNT(*) FROM planned_call WHERE state = '" + state.replaceAll("[^A-Z_]", "")
                + "' GROUP BY reason ORDER BY COUNT(*) DESC");
    }

    /** Batches by state (POSTED, PARKED, ...). */
    public Map<String, Long> batchesByState() {
        return grouped("SELECT state, COUNT(*) FROM call_batch GROUP BY state ORDER BY state");
    }

    /** Ended calls by final status. */
    public Map<String, Long> resultsByStatus() {
        return grouped("SELECT status, COUNT(*) FROM call_result GROUP BY status ORDER BY status");
    }

    /** Posted calls whose final status has not come back yet. */
    public long callsAwaitingResult() {
        return count("SELECT COUNT(*) FROM planned_call p LEFT JOIN call_result r ON r.call_id = p.call_id"
                + " WHERE p.call_id IS NOT NULL AND (r.call_id IS NULL OR r.status NOT IN ('completed', 'failed'))");
    }

    /**
     * Calls that will still be posted now: batched, sending, or pending and due by {@code now} (a touchpoint planned
     * for a later day is not under way yet).
     */
    public long callsUnderWay(java.time.Instant now) {
        return countAt("SELECT COUNT(*) FROM planned_call WHERE state IN ('BATCHED', 'SENDING')"
                + " OR (state = 'PENDING' AND due_at <= ?)", now);
    }

    /** Reminder program steps: touchpoints placed, retries placed, calls planned for later, and ended calls by class. */
    public Map<String, Long> programSteps(java.time.Instant now) {
        Map<String, Long> steps = new LinkedHashMap<>();
        steps.put("touchpoints placed", count("SELECT COUNT(*) FROM planned_call WHERE touchpoint >= 0 AND attempt = 0"
                + " AND call_id IS NOT NULL"));
        steps.put("retries placed", count("SELECT COUNT(*) FROM planned_call WHERE attempt > 0 AND call_id IS NOT NULL"));
        steps.put("planned for later", countAt("SELECT COUNT(*) FROM planned_call WHERE state = 'PENDING' AND due_at > ?", now));
        steps.put("on the do-not-call list", count("SELECT COUNT(*) FROM do_not_call"));
        return steps;
    }

    /** Ended calls by outcome class (confirmed, declined, reschedule-requested, opted-out, reached, unreached). */
    public Map<String, Long> outcomesByClass() {
        return grouped("SELECT outcome, COUNT(*) FROM planned_call WHERE outcome IS NOT NULL GROUP BY outcome ORDER BY outcome");
    }

    /** Calls that will still be posted (pending, batched, sending). */
    public long callsUnderWay() {
        return count("SELECT COUNT(*) FROM planned_call WHERE state IN ('PENDING', 'BATCHED', 'SENDING')");
    }

    /** Report deliveries not yet made (pending), per sink. */
    public Map<String, Long> deliveriesByState() {
        return grouped("SELECT sink || ':' || state, COUNT(*) FROM sink_delivery GROUP BY sink, state ORDER BY sink, state");
    }

    /** Deliveries still pending, all sinks. */
    public long deliveriesPending() {
        return count("SELECT COUNT(*) FROM sink_delivery WHERE state = 'PENDING'");
    }

    private long count(String sql) {
        return db.inTransaction(c -> Sql.one(c, sql, rs -> rs.getLong(1)).orElse(0L));
    }

    private long countAt(String sql, java.time.Instant at) {
        return db.inTransaction(c -> Sql.one(c, sql, rs -> rs.getLong(1), at).orElse(0L));
    }

    private Map<String, Long> grouped(String sql) {
        List<Map.Entry<String, Long>> rows = db.inTransaction(c -> Sql.list(c, sql,
                rs -> Map.entry(rs.getString(1), rs.getLong(2))));
        Map<String, Long> result = new LinkedHashMap<>();
        rows.forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }
}
