package org.callbridge.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The posting side of the outbox. Due calls are claimed into a named batch (OPEN); the batch is
 * marked SENDING and committed before each POST; the POST's outcome makes it POSTED, PARKED or
 * FAILED. A batch found SENDING or PARKED may exist at the Calls API: look it up by name first.
 */
public final class BatchStore {
    private static final Logger LOG = LoggerFactory.getLogger(BatchStore.class);
    private static final String COLUMNS = "id, name, agent_id, scheduled_at, state, attempts, last_error, api_batch_id,"
            + " created_at, sent_at, updated_at";
    private static final String SELECT = "SELECT " + COLUMNS + " FROM call_batch ";

    private final Database db;
    private final Clock clock;

    public BatchStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public BatchStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Due PENDING calls counted by agent and call time, earliest first. */
    public List<DueGroup> dueGroups() {
        return db.inTransaction(c -> Sql.list(c, "SELECT agent_id, call_at, COUNT(*) AS n FROM planned_call"
                + " WHERE state = 'PENDING' AND due_at <= ? GROUP BY agent_id, call_at ORDER BY call_at, agent_id",
                rs -> new DueGroup(rs.getString("agent_id"), Sql.instant(rs, "call_at"), rs.getLong("n")), clock.instant()));
    }

    /**
     * Atomically moves due PENDING calls matching the claim into a new OPEN batch; empty (and no batch)
     * when none is due. Concurrent claimers never get the same call (locked rows are skipped).
     *
     * @throws IllegalArgumentException if a batch of that name exists
     */
    public Optional<CallBatch> claim(BatchClaim claim) {
        int[] claimed = {0};
        Optional<CallBatch> batch = db.inTransaction(c -> {
            claimed[0] = 0;
            Instant now = clock.instant();
            List<Object> args = new ArrayList<>(List.of(claim.agentId(), now));
            StringBuilder sql = new StringBuilder("SELECT id FROM planned_call WHERE state = 'PENDING' AND agent_id = ?"
                    + " AND due_at <= ?");
            if (claim.callFrom() != null) {
                sql.append(" AND call_at >= ?");
                args.add(claim.callFrom());
            }
            if (claim.callUntil() != null) {
                sql.append(" AND call_at < ?");
                args.add(claim.callUntil());
            }
            sql.append(" ORDER BY call_at, id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED");
            args.add(claim.maxSize());
            List<Long> ids = Sql.list(c, sql.toString(), rs -> rs.getLong(1), args.toArray());
            if (ids.isEmpty()) {
                return Optional.<CallBatch>empty();
            }
            long batchId = Sql.unlessDuplicate(c, x -> Sql.insert(x, "INSERT INTO call_batch (name, agent_id, scheduled_at,"
                    + " state, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)", claim.name(),
                    claim.agentId(), claim.scheduledAt(), BatchState.OPEN.name(), now, now))
                    .orElseThrow(() -> new IllegalArgumentException("batch name already used: " + claim.name()));
            for (long id : ids) {
                claimed[0] += Sql.update(c, "UPDATE planned_call SET state = 'BATCHED', batch_id = ?, updated_at = ?"
                        + " WHERE id = ? AND state = 'PENDING'", batchId, now, id);
            }
            return findIn(c, batchId);
        });
        batch.ifPresent(b -> LOG.info("batch {} claimed {} call(s)", b.id(), claimed[0]));
        return batch;
    }

    /**
     * Marks an OPEN or SENDING batch SENDING (committed before the POST), counts the attempt and moves
     * its BATCHED calls to SENDING. Returns exactly the calls to post; empty if the batch is in another
     * state, or if no call is left (the batch becomes EMPTY).
     */
    public Optional<BatchToSend> markSending(long batchId) {
        return db.inTransaction(c -> {
            Optional<CallBatch> batch = Sql.one(c, SELECT + "WHERE id = ? FOR UPDATE", BatchStore::row, batchId);
            if (batch.isEmpty() || !(batch.get().state() == BatchState.OPEN || batch.get().state() == BatchState.SENDING)) {
                return Optional.<BatchToSend>empty();
            }
            Instant now = clock.instant();
            Sql.update(c, "UPDATE planned_call SET state = 'SENDING', updated_at = ? WHERE batch_id = ? AND state = 'BATCHED'",
                    now, batchId);
            List<PlannedCall> calls = callsIn(c, batchId, CallState.SENDING);
            if (calls.isEmpty()) {
                setState(c, batchId, BatchState.EMPTY, "no call left to send", now);
                return Optional.<BatchToSend>empty();
            }
            Sql.update(c, "UPDATE call_batch SET state = 'SENDING', attempts = attempts + 1, sent_at = ?, updated_at = ?"
                    + " WHERE id = ?", now, now, batchId);
            return Optional.of(new BatchToSend(findIn(c, batchId).orElseThrow(), calls));
        });
    }

    /**
     * Records the Calls API's answer for a SENDING or PARKED batch: the batch becomes POSTED and each
     * listed call POSTED with its call id and status. Every SENDING call of the batch must be listed.
     *
     * @throws IllegalStateException (nothing changed) if the batch cannot be posted or a call is missing or foreign
     */
    public void recordPosted(long batchId, String apiBatchId, List<PostedCall> posted) {
        db.inTransaction(c -> {
            CallBatch batch = Sql.one(c, SELECT + "WHERE id = ? FOR UPDATE", BatchStore::row, batchId)
                    .orElseThrow(() -> new IllegalStateException("no batch " + batchId));
            if (batch.state() != BatchState.SENDING && batch.state() != BatchState.PARKED) {
                throw new IllegalStateException("batch " + batchId + " is " + batch.state() + ", not SENDING");
            }
            Instant now = clock.instant();
            for (PostedCall p : posted) {
                if (Sql.update(c, "UPDATE planned_call SET state = 'POSTED', live_key = NULL, call_id = ?, api_batch_id = ?,"
                        + " call_status = ?, updated_at = ? WHERE id = ? AND batch_id = ? AND state = 'SENDING'",
                        p.callId(), apiBatchId, p.status(), now, p.plannedCallId(), batchId) != 1) {
                    throw new IllegalStateException("planned call " + p.plannedCallId() + " is not SENDING in batch " + batchId);
                }
            }
            int left = callsIn(c, batchId, CallState.SENDING).size();
            if (left > 0) {
                throw new IllegalStateException(left + " call(s) of batch " + batchId + " have no call id");
            }
            Sql.update(c, "UPDATE call_batch SET state = 'POSTED', api_batch_id = ?, last_error = NULL, updated_at = ?"
                    + " WHERE id = ?", apiBatchId, now, batchId);
            return null;
        });
        LOG.info("batch {} posted: {} call(s)", batchId, posted.size());
    }

    /** Marks the listed calls of the batch REJECTED with the API's reason (no PHI); the rest stay to be posted again. */
    public int rejectCalls(long batchId, Map<Long, String> reasons) {
        int rejected = db.inTransaction(c -> {
            Instant now = clock.instant();
            int n = 0;
            for (Map.Entry<Long, String> r : reasons.entrySet()) {
                n += Sql.update(c, "UPDATE planned_call SET state = 'REJECTED', live_key = NULL, reason = ?, updated_at = ?"
                        + " WHERE id = ? AND batch_id = ? AND state IN ('BATCHED', 'SENDING')",
                        r.getValue(), now, r.getKey(), batchId);
            }
            return n;
        });
        LOG.info("batch {}: {} call(s) rejected", batchId, rejected);
        return rejected;
    }

    /**
     * Takes a call out of its batch and makes it PENDING again at a new time (e.g. its calling window closed while
     * it waited). Only for a batch that is not at the Calls API: OPEN, or SENDING after a look-up by name found
     * nothing. False (nothing changed) if the call is not BATCHED or SENDING in this batch.
     */
    public boolean requeue(long batchId, long plannedCallId, Instant callAt, Instant dueAt) {
        boolean moved = db.inTransaction(c -> Sql.update(c, "UPDATE planned_call SET state = 'PENDING', batch_id = NULL,"
                + " call_at = ?, due_at = ?, updated_at = ? WHERE id = ? AND batch_id = ? AND state IN ('BATCHED', 'SENDING')",
                callAt, dueAt, clock.instant(), plannedCallId, batchId) == 1);
        LOG.debug("batch {}: call {} {}", batchId, plannedCallId, moved ? "requeued" : "not requeued");
        return moved;
    }

    /**
     * Cancels a call of the batch that was never posted (CANCELLED with a reason free of PHI), e.g. because a newer
     * event of its appointment arrived. Same condition as {@link #requeue}; false if the call is not BATCHED or
     * SENDING in this batch.
     */
    public boolean withdrawUnsent(long batchId, long plannedCallId, String reason) {
        return db.inTransaction(c -> Sql.update(c, "UPDATE planned_call SET state = 'CANCELLED', live_key = NULL,"
                + " reason = ?, updated_at = ? WHERE id = ? AND batch_id = ? AND state IN ('BATCHED', 'SENDING')",
                reason, clock.instant(), plannedCallId, batchId) == 1);
    }

    /** Keeps the last failure of a batch (no PHI) without changing its state. */
    public void noteFailure(long batchId, String error) {
        db.inTransaction(c -> Sql.update(c, "UPDATE call_batch SET last_error = ?, updated_at = ? WHERE id = ?",
                Sql.errorText(error), clock.instant(), batchId));
    }

    /** Parks an OPEN or SENDING batch after retries ran out; its calls stay live. False if it was in another state. */
    public boolean park(long batchId, String error) {
        boolean parked = db.inTransaction(c -> Sql.update(c, "UPDATE call_batch SET state = 'PARKED', last_error = ?,"
                + " updated_at = ? WHERE id = ? AND state IN ('OPEN', 'SENDING')", Sql.errorText(error), clock.instant(),
                batchId) == 1);
        if (parked) {
            LOG.warn("batch {} parked", batchId);
        }
        return parked;
    }

    /** Puts a PARKED batch back to SENDING, so the poster looks it up by name before posting again. */
    public boolean unpark(long batchId) {
        return db.inTransaction(c -> Sql.update(c, "UPDATE call_batch SET state = 'SENDING', updated_at = ?"
                + " WHERE id = ? AND state = 'PARKED'", clock.instant(), batchId) == 1);
    }

    /** {@link #unpark} for every PARKED batch; returns how many. */
    public int unparkAll() {
        return db.inTransaction(c -> Sql.update(c, "UPDATE call_batch SET state = 'SENDING', updated_at = ?"
                + " WHERE state = 'PARKED'", clock.instant()));
    }

    /** Fails a batch for good: the batch becomes FAILED and its unposted calls REJECTED with the error. Returns their number. */
    public int fail(long batchId, String error) {
        return db.inTransaction(c -> {
            Instant now = clock.instant();
            String text = Sql.errorText(error);
            if (Sql.update(c, "UPDATE call_batch SET state = 'FAILED', last_error = ?, updated_at = ?"
                    + " WHERE id = ? AND state IN ('OPEN', 'SENDING', 'PARKED')", text, now, batchId) != 1) {
                throw new IllegalStateException("batch " + batchId + " cannot fail from its state");
            }
            return Sql.update(c, "UPDATE planned_call SET state = 'REJECTED', live_key = NULL, reason = ?, updated_at = ?"
                    + " WHERE batch_id = ? AND state IN ('BATCHED', 'SENDING')", text, now, batchId);
        });
    }

    /** The batch with this id. */
    public Optional<CallBatch> find(long batchId) {
        return db.inTransaction(c -> findIn(c, batchId));
    }

    /** The batch with this name. */
    public Optional<CallBatch> findByName(String name) {
        return db.inTransaction(c -> Sql.one(c, SELECT + "WHERE name = ?", BatchStore::row, name));
    }

    /** Batches in a state, oldest first: OPEN and SENDING ones on start-up, PARKED ones for reports. */
    public List<CallBatch> batchesIn(BatchState state) {
        return db.inTransaction(c -> Sql.list(c, SELECT + "WHERE state = ? ORDER BY id", BatchStore::row, state.name()));
    }

    /** Every planned call ever claimed into the batch, in id order. */
    public List<PlannedCall> callsIn(long batchId) {
        return db.inTransaction(c -> Sql.list(c, "SELECT " + CallStore.COLUMNS + " FROM planned_call WHERE batch_id = ?"
                + " ORDER BY id", CallStore::row, batchId));
    }

    private static List<PlannedCall> callsIn(Connection c, long batchId, CallState state) throws SQLException {
        return Sql.list(c, "SELECT " + CallStore.COLUMNS + " FROM planned_call WHERE batch_id = ? AND state = ? ORDER BY id",
                CallStore::row, batchId, state.name());
    }

    private static Optional<CallBatch> findIn(Connection c, long batchId) throws SQLException {
        return Sql.one(c, SELECT + "WHERE id = ?", BatchStore::row, batchId);
    }

    private static void setState(Connection c, long batchId, BatchState state, String error, Instant now)
            throws SQLException {
        Sql.update(c, "UPDATE call_batch SET state = ?, last_error = ?, updated_at = ? WHERE id = ?",
                state.name(), error, now, batchId);
    }

    private static CallBatch row(ResultSet rs) throws SQLException {
        return new CallBatch(rs.getLong("id"), rs.getString("name"), rs.getString("agent_id"),
                Sql.instant(rs, "scheduled_at"), BatchState.valueOf(rs.getString("state")), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getString("api_batch_id"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "sent_at"), Sql.instant(rs, "updated_at"));
    }
}
