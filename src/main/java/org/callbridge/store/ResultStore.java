package org.callbridge.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.callbridge.outcome.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What came back: each call's latest status and payload, once per call id, and its write-back to each
 * sink. A delivery is marked DELIVERED exactly once; a crash between writing a sink and marking it
 * repeats that write, so sinks should be idempotent (a file per call id, a webhook keyed by call id).
 */
public final class ResultStore {
    private static final Logger LOG = LoggerFactory.getLogger(ResultStore.class);
    private static final String RESULT_COLUMNS = "r.call_id, r.planned_call_id, r.status, r.ended_at, r.payload_json,"
            + " r.first_seen_at, r.updated_at";

    private final Database db;
    private final Clock clock;

    public ResultStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public ResultStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** {@link #recordResult(String, String, Instant, String, Long, Collection)} without queuing deliveries. */
    public boolean recordResult(String callId, String status, Instant endedAt, String payloadJson, Long plannedCallId) {
        return recordResult(callId, status, endedAt, payloadJson, plannedCallId, List.of());
    }

    /**
     * Stores a call as polled: inserted when new, updated when its status changed, else left alone.
     * Also copies the status to its planned call, and queues one PENDING delivery per sink unless that
     * (call, sink) was queued before: pass the sinks only for statuses that are final.
     *
     * @param plannedCallId the planned call, or null to find it by call id (calls not placed by us have none)
     * @return true when the call or its status is new
     */
    public boolean recordResult(String callId, String status, Instant endedAt, String payloadJson, Long plannedCallId,
                                Collection<String> sinks) {
        return recordResult(callId, status, endedAt, payloadJson, plannedCallId, sinks, null);
    }

    /**
     * {@link #recordResult(String, String, Instant, String, Long, Collection)} for an ended call with its class: the
     * planned call keeps the class and the end, its appointment's program is due a fresh look (a retry, the next
     * touchpoint, or the skips an answer makes), and a patient who opted out goes on the do-not-call list, all in the
     * same transaction.
     *
     * @param outcome the class of the ended call, or null while it has not ended
     */
    public boolean recordResult(String callId, String status, Instant endedAt, String payloadJson, Long plannedCallId,
                                Collection<String> sinks, Outcome outcome) {
        boolean changed = db.inTransaction(c -> {
            Instant now = clock.instant();
            Optional<String> known = Sql.one(c, "SELECT status FROM call_result WHERE call_id = ? FOR UPDATE",
                    rs -> rs.getString(1), callId);
            boolean isNew;
            if (known.isEmpty()) {
                Long planned = plannedCallId != null ? plannedCallId : Sql.one(c,
                        "SELECT id FROM planned_call WHERE call_id = ?", rs -> rs.getLong(1), callId).orElse(null);
                // a concurrent poller stored the call first: run again, this time as a known call
                Sql.unlessDuplicate(c, x -> Sql.update(x, "INSERT INTO call_result (call_id, planned_call_id, status,"
                        + " ended_at, payload_json, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        callId, planned, status, endedAt, payloadJson, now, now))
                        .orElseThrow(() -> new SQLException("call stored concurrently", Database.RETRY_STATE));
                isNew = true;
            } else if (!known.get().equals(status)) {
                Sql.update(c, "UPDATE call_result SET status = ?, ended_at = ?, payload_json = ?, updated_at = ?"
                        + " WHERE call_id = ?", status, endedAt, payloadJson, now, callId);
                isNew = true;
            } else {
                isNew = false;
            }
            if (isNew) {
                Sql.update(c, "UPDATE planned_call SET call_status = ?, updated_at = ? WHERE call_id = ?",
                        status, now, callId);
                if (outcome != null) {
                    ended(c, callId, outcome, now);
                }
            }
            for (String sink : sinks) {
                queueDelivery(c, callId, sink, now);
            }
            return isNew;
        });
        LOG.debug("call {} status {} {}", callId, status, changed ? "recorded" : "unchanged");
        return changed;
    }

    // the program's clock is the planner's: a retry waits its delay from when the end was recorded here (within a poll
    // interval of the API's ended_at, and on the same clock as the planner, which a demo may shift)
    private static void ended(Connection c, String callId, Outcome outcome, Instant now) throws SQLException {
        Sql.update(c, "UPDATE planned_call SET outcome = ?, ended_at = ?, followup_at = ? WHERE call_id = ?",
                outcome.wireName(), now, now, callId);
        if (outcome == Outcome.OPTED_OUT) {
            Optional<String> patient = Sql.one(c, "SELECT patient_id FROM planned_call WHERE call_id = ?",
                    rs -> rs.getString(1), callId);
            if (patient.isPresent() && patient.get() != null) {
                DoNotCallList.add(c, patient.get(), callId, "opted out on call " + callId, now);
                // the patient's other appointments are looked at again at once: a call of theirs waiting or posted ahead
                // is taken back
                Sql.update(c, "UPDATE planned_call SET followup_at = ? WHERE patient_id = ? AND (state IN ('PENDING',"
                        + " 'BATCHED') OR state = 'POSTED' AND ended_at IS NULL)", now, patient.get());
            }
        }
    }

    // the call_result row is locked by now, so two recorders cannot both queue the same delivery
    private static void queueDelivery(Connection c, String callId, String sink, Instant now) throws SQLException {
        boolean queued = Sql.one(c, "SELECT 1 FROM sink_delivery WHERE call_id = ? AND sink = ?", rs -> 1, callId, sink)
                .isPresent();
        if (!queued) {
            Sql.update(c, "INSERT INTO sink_delivery (call_id, sink, state, attempts, created_at, updated_at)"
                    + " VALUES (?, ?, 'PENDING', 0, ?, ?)", callId, sink, now, now);
        }
    }

    /** The stored call with this id. */
    public Optional<CallResult> find(String callId) {
        return db.inTransaction(c -> Sql.one(c, "SELECT " + RESULT_COLUMNS + " FROM call_result r WHERE r.call_id = ?",
                ResultStore::result, callId));
    }

    /** Deliveries still PENDING for a sink, oldest first, at most {@code limit}. */
    public List<PendingDelivery> pendingDeliveries(String sink, int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT d.sink, d.attempts, " + RESULT_COLUMNS
                + " FROM sink_delivery d JOIN call_result r ON r.call_id = d.call_id"
                + " WHERE d.sink = ? AND d.state = 'PENDING' ORDER BY d.created_at, d.call_id FETCH FIRST ? ROWS ONLY",
                rs -> new PendingDelivery(rs.getString("sink"), rs.getInt("attempts"), result(rs)), sink, limit));
    }

    /** Marks a PENDING delivery DELIVERED; true only for the one caller that did so. */
    public boolean markDelivered(String callId, String sink) {
        Instant now = clock.instant();
        return db.inTransaction(c -> Sql.update(c, "UPDATE sink_delivery SET state = 'DELIVERED', delivered_at = ?,"
                + " updated_at = ? WHERE call_id = ? AND sink = ? AND state = 'PENDING'", now, now, callId, sink) == 1);
    }

    /** Counts a failed attempt of a PENDING delivery (error without PHI); returns the attempts so far. */
    public int recordDeliveryFailure(String callId, String sink, String error) {
        return db.inTransaction(c -> {
            Sql.update(c, "UPDATE sink_delivery SET attempts = attempts + 1, last_error = ?, updated_at = ?"
                    + " WHERE call_id = ? AND sink = ? AND state = 'PENDING'", Sql.errorText(error), clock.instant(),
                    callId, sink);
            return Sql.one(c, "SELECT attempts FROM sink_delivery WHERE call_id = ? AND sink = ?", rs -> rs.getInt(1),
                    callId, sink).orElse(0);
        });
    }

    /** Parks a PENDING delivery after its retries ran out; false if it was not PENDING. */
    public boolean markParked(String callId, String sink, String error) {
        return db.inTransaction(c -> Sql.update(c, "UPDATE sink_delivery SET state = 'PARKED', last_error = ?,"
                + " updated_at = ? WHERE call_id = ? AND sink = ? AND state = 'PENDING'", Sql.errorText(error),
                clock.instant(), callId, sink) == 1);
    }

    /** Puts a PARKED delivery back to PENDING with its attempts reset; false if it was not PARKED. */
    public boolean retryParked(String callId, String sink) {
        return db.inTransaction(c -> Sql.update(c, "UPDATE sink_delivery SET state = 'PENDING', attempts = 0,"
                + " updated_at = ? WHERE call_id = ? AND sink = ? AND state = 'PARKED'", clock.instant(), callId, sink) == 1);
    }

    /** Puts every PARKED delivery back to PENDING with its attempts reset; returns how many. */
    public int retryAllParked() {
        return db.inTransaction(c -> Sql.update(c, "UPDATE sink_delivery SET state = 'PENDING', attempts = 0,"
                + " updated_at = ? WHERE state = 'PARKED'", clock.instant()));
    }

    /** Deliveries of a sink counted by state (PENDING, DELIVERED, PARKED; absent states are left out). */
    public Map<String, Long> deliveryCounts(String sink) {
        return db.inTransaction(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object[] row : Sql.list(c, "SELECT state, COUNT(*) FROM sink_delivery WHERE sink = ? GROUP BY state"
                    + " ORDER BY state", rs -> new Object[] {rs.getString(1), rs.getLong(2)}, sink)) {
                counts.put((String) row[0], (Long) row[1]);
            }
            return counts;
        });
    }

    private static CallResult result(ResultSet rs) throws SQLException {
        return new CallResult(rs.getString("call_id"), Sql.nullableLong(rs, "planned_call_id"), rs.getString("status"),
                Sql.instant(rs, "ended_at"), rs.getString("payload_json"), Sql.instant(rs, "first_seen_at"),
                Sql.instant(rs, "updated_at"));
    }
}
