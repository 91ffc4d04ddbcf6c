package org.callbridge.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.callbridge.outcome.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The planning side of the outbox: one planned call per appointment event, at most one live
 * (PENDING, BATCHED or SENDING) call per appointment, and the local end of cancellations.
 * Posting is {@link BatchStore}'s job.
 */
public final class CallStore {
    static final String COLUMNS = "id, appointment_key, event_id, agent_id, patient_id, call_at, due_at, state, reason,"
            + " batch_id, call_id, api_batch_id, call_status, patient_zone, extended_json, created_at, updated_at";

    private static final Logger LOG = LoggerFactory.getLogger(CallStore.class);

    /** The touchpoint of a row that decides a whole event (a cancel, a skip) rather than one touchpoint. */
    public static final int EVENT_DECISION = -1;
    /**
     * The touchpoint of the row of an event that places nothing itself and leaves the appointment's program going (a
     * re-sent or updated event for the same time while a touchpoint is out): later steps are placed under it.
     */
    public static final int JOINS_PROGRAM = -2;
    /** States of a call that counts as a contact for the caps: planned, being posted, posted, or rung. */
    private static final CallState[] CONTACTS = {CallState.PENDING, CallState.BATCHED, CallState.SENDING,
            CallState.POSTED, CallState.WITHDRAWING, CallState.NOT_WITHDRAWN, CallState.WITHDRAWN};
    private static final String ANSWERS = Arrays.stream(Outcome.values()).filter(Outcome::stopsProgram)
            .map(o -> "'" + o.wireName() + "'").collect(Collectors.joining(", "));

    private final Database db;
    private final Clock clock;

    public CallStore(Database db) {
        this(db, Clock.systemUTC());
    }

    public CallStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Plans a PENDING call for an event and marks the event PLANNED, in one transaction. A PENDING or
     * BATCHED call of the same appointment is SUPERSEDED by it (a reschedule replaces the pending call).
     */
    public PlanResult plan(NewCall call) {
        PlanResult result = db.inTransaction(c -> {
            Optional<Long> earlier = decisionFor(c, call.eventId(), EVENT_DECISION, 0);
            if (earlier.isEmpty()) {
                earlier = decisionFor(c, call.eventId(), call.touchpoint(), call.attempt());
            }
            // a step of the program that was replaced or taken back unsent (a retry took the next touchpoint's
            // place, its calling window closed before the POST) is placed again on its own row
            Optional<Long> revived = earlier.isPresent() && call.touchpoint() >= 0 && call.appointmentStart() != null
                    ? Sql.one(c, "SELECT id FROM planned_call WHERE id = ? AND state IN ('SUPERSEDED', 'CANCELLED')"
                    + " AND call_id IS NULL", rs -> rs.getLong(1), earlier.get()) : Optional.empty();
            if (earlier.isPresent() && revived.isEmpty()) {
                return new PlanResult(PlanResult.Outcome.ALREADY_PLANNED, earlier.get(), null);
            }
            Instant now = clock.instant();
            Long superseded = null;
            Optional<PlannedCall> live = lockLive(c, call.appointmentKey());
            if (live.isPresent()) {
                if (live.get().state() == CallState.SENDING) {
                    return new PlanResult(PlanResult.Outcome.BLOCKED, live.get().id(), null);
                }
                superseded = live.get().id();
                move(c, superseded, CallState.SUPERSEDED, "superseded by event " + call.eventId(), now,
                        CallState.PENDING, CallState.BATCHED);
            }
            if (revived.isPresent()) {
                Sql.update(c, "UPDATE planned_call SET state = 'PENDING', live_key = appointment_key, reason = NULL,"
                        + " batch_id = NULL, agent_id = ?, patient_id = ?, call_at = ?, due_at = ?, patient_zone = ?,"
                        + " extended_json = ?, followup_at = ?, updated_at = ? WHERE id = ?", call.agentId(), call.patientId(),
                        call.callAt(), call.dueAt(), call.patientZone(), call.extendedJson(), call.followupAt(), now,
                        revived.get());
                markEvent(c, call.eventId(), EventStore.PLANNED, null, now);
                return new PlanResult(PlanResult.Outcome.PLANNED, revived.get(), superseded);
            }
            // a concurrent planner committed a call for this event or appointment first: retry the whole transaction
            long id = Sql.unlessDuplicate(c, x -> Sql.insert(x, "INSERT INTO planned_call (appointment_key, event_id,"
                    + " agent_id, patient_id, call_at, due_at, state, live_key, patient_zone, extended_json, touchpoint,"
                    + " attempt, appointment_start, followup_at, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    call.appointmentKey(), call.eventId(), call.agentId(), call.patientId(), call.callAt(), call.dueAt(),
                    CallState.PENDING.name(), call.appointmentKey(), call.patientZone(), call.extendedJson(),
                    call.touchpoint(), call.attempt(), call.appointmentStart(), call.followupAt(), now, now))
                    .orElseThrow(() -> new SQLException("concurrent plan for the same appointment", Database.RETRY_STATE));
            markEvent(c, call.eventId(), EventStore.PLANNED, null, now);
            return new PlanResult(PlanResult.Outcome.PLANNED, id, superseded);
        });
        LOG.debug("event {}: call {} {} (superseded {})", call.eventId(), result.id(), result.outcome(), result.supersededId());
        return result;
    }

    /**
     * Records that an event gets no call (SKIPPED with a reason) and marks the event SKIPPED; false if it
     * already had a decision. The appointment's live call is left alone: {@link #cancelLive} it first if
     * the event withdraws it (both inside one {@link Database#inTransaction} to make them one step).
     */
    public boolean skip(long eventId, String appointmentKey, String reason) {
        return skip(eventId, appointmentKey, reason, EVENT_DECISION);
    }

    /** {@link #skip(long, String, String)} with the row's touchpoint: {@link #EVENT_DECISION} or {@link #JOINS_PROGRAM}. */
    public boolean skip(long eventId, String appointmentKey, String reason, int touchpoint) {
        return db.inTransaction(c -> {
            if (Sql.one(c, "SELECT id FROM planned_call WHERE event_id = ? FETCH FIRST 1 ROWS ONLY", rs -> rs.getLong(1),
                    eventId).isPresent()) {
                return false;
            }
            Instant now = clock.instant();
            Sql.insert(c, "INSERT INTO planned_call (appointment_key, event_id, state, reason, touchpoint, created_at,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)", appointmentKey, eventId, CallState.SKIPPED.name(), reason,
                    touchpoint, now, now);
            markEvent(c, eventId, EventStore.SKIPPED, reason, now);
            return true;
        });
    }

    /** Cancels the appointment's live call if it is still PENDING or BATCHED; a SENDING call is reported IN_FLIGHT and kept. */
    public Withdrawal cancelLive(String appointmentKey, String reason) {
        return db.inTransaction(c -> {
            Optional<PlannedCall> live = lockLive(c, appointmentKey);
            if (live.isEmpty()) {
                return new Withdrawal(Withdrawal.Outcome.NONE, null);
            }
            long id = live.get().id();
            if (move(c, id, CallState.CANCELLED, reason, clock.instant(), CallState.PENDING, CallState.BATCHED)) {
                return new Withdrawal(Withdrawal.Outcome.CANCELLED, id);
            }
            return new Withdrawal(Withdrawal.Outcome.IN_FLIGHT, id);
        });
    }

    /**
     * Ends a POSTED or WITHDRAWING call after a cancellation: WITHDRAWN when hung up, else NOT_WITHDRAWN; false if it
     * was in neither state.
     */
    public boolean markWithdrawn(long plannedCallId, boolean hungUp, String reason) {
        CallState to = hungUp ? CallState.WITHDRAWN : CallState.NOT_WITHDRAWN;
        return db.inTransaction(c -> move(c, plannedCallId, to, reason, clock.instant(), CallState.POSTED,
                CallState.WITHDRAWING));
    }

    /** A POSTED call whose appointment was cancelled, that cannot be hung up yet: WITHDRAWING; false if it was not POSTED. */
    public boolean markWithdrawing(long plannedCallId, String reason) {
        return db.inTransaction(c -> move(c, plannedCallId, CallState.WITHDRAWING, reason, clock.instant(), CallState.POSTED));
    }

    /** The planned call with this id. */
    public Optional<PlannedCall> find(long id) {
        return db.inTransaction(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM planned_call WHERE id = ?", CallStore::row, id));
    }

    /** The planned call that the Calls API gave this call id. */
    public Optional<PlannedCall> findByCallId(String callId) {
        return db.inTransaction(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM planned_call WHERE call_id = ?",
                CallStore::row, callId));
    }

    /** The appointment's PENDING, BATCHED or SENDING call, if any. */
    public Optional<PlannedCall> liveCall(String appointmentKey) {
        return db.inTransaction(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM planned_call WHERE live_key = ?",
                CallStore::row, appointmentKey));
    }

    /** Every planned call of the appointment, oldest first (e.g. the POSTED ones to hang up on a cancel). */
    public List<PlannedCall> callsFor(String appointmentKey) {
        return db.inTransaction(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM planned_call WHERE appointment_key = ?"
                + " ORDER BY id", CallStore::row, appointmentKey));
    }

    /** Due PENDING calls (due at or before now), earliest call time first, at most {@code limit}: what may be batched. */
    public List<PlannedCall> duePending(int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM planned_call WHERE state = 'PENDING'"
                + " AND due_at <= ? ORDER BY call_at, id FETCH FIRST ? ROWS ONLY", CallStore::row, clock.instant(), limit));
    }

    /** Every planned call in a state, oldest first: e.g. the NOT_WITHDRAWN and REJECTED ones an operator must see. */
    public List<PlannedCall> callsInState(CallState state) {
        return db.inTransaction(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM planned_call WHERE state = ? ORDER BY id",
                CallStore::row, state.name()));
    }

    /** Number of planned calls in each state (states without calls are absent). */
    public Map<CallState, Long> countByState() {
        return db.inTransaction(c -> {
            Map<CallState, Long> counts = new EnumMap<>(CallState.class);
            for (Object[] row : Sql.list(c, "SELECT state, COUNT(*) FROM planned_call GROUP BY state",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)})) {
                counts.put(CallState.valueOf((String) row[0]), (Long) row[1]);
            }
            return counts;
        });
    }

    private static Optional<Long> decisionFor(Connection c, long eventId, int touchpoint, int attempt) throws SQLException {
        return Sql.one(c, "SELECT id FROM planned_call WHERE event_id = ? AND touchpoint = ? AND attempt = ?",
                rs -> rs.getLong(1), eventId, touchpoint, attempt);
    }

    /**
     * Records touchpoints or retries of an event's reminder program that get no call (SKIPPED, with the reason), for
     * the appointment start they were planned for; one already recorded is left as it is.
     */
    public void skipSteps(long eventId, String appointmentKey, Instant start, List<SkippedStep> steps) {
        skipSteps(eventId, appointmentKey, start, steps, null);
    }

    /**
     * {@link #skipSteps(long, String, Instant, List)}, and when {@code eventReason} is not null the event gets no call
     * (SKIPPED with that reason): the skipped steps are its record.
     */
    public void skipSteps(long eventId, String appointmentKey, Instant start, List<SkippedStep> steps, String eventReason) {
        db.inTransaction(c -> {
            Instant now = clock.instant();
            if (eventReason != null) {
                markEvent(c, eventId, EventStore.SKIPPED, eventReason, now);
            }
            for (SkippedStep step : steps) {
                if (decisionFor(c, eventId, step.touchpoint(), step.attempt()).isEmpty()) {
                    Sql.insert(c, "INSERT INTO planned_call (appointment_key, event_id, state, reason, touchpoint, attempt,"
                            + " appointment_start, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            appointmentKey, eventId, CallState.SKIPPED.name(), step.reason(), step.touchpoint(),
                            step.attempt(), start, now, now);
                }
            }
            return null;
        });
    }

    /**
     * The calls of an appointment's reminder program for one start, across its events, in the order planned: each
     * touchpoint and retry with its state and, once ended, its outcome class.
     */
    public List<ProgramCall> program(String appointmentKey, Instant start) {
        return db.inTransaction(c -> Sql.list(c, "SELECT id, touchpoint, attempt, state, outcome, ended_at FROM planned_call"
                + " WHERE appointment_key = ? AND appointment_start = ? AND touchpoint >= 0 ORDER BY id",
                rs -> new ProgramCall(rs.getLong("id"), rs.getInt("touchpoint"), rs.getInt("attempt"),
                        CallState.valueOf(rs.getString("state")), rs.getString("outcome"), Sql.instant(rs, "ended_at")),
                appointmentKey, start));
    }

    /**
     * When calls to a patient were (or will be) placed, in {@code [from, to)}: every call that is planned, posted or
     * was rung, for the contact caps. The live call of {@code exceptAppointment} is left out: the plan replaces it.
     */
    public List<Instant> contactTimes(String patientId, String exceptAppointment, Instant from, Instant to) {
        return db.inTransaction(c -> Sql.list(c, "SELECT call_at FROM planned_call WHERE patient_id = ? AND state IN ("
                + names(CONTACTS) + ") AND call_at >= ? AND call_at < ? AND (live_key IS NULL OR live_key <> ?)",
                rs -> Sql.instant(rs, "call_at"), patientId, from, to, exceptAppointment));
    }

    /** Appointments whose program is due a fresh look (a result arrived, or a touchpoint's time came), oldest first. */
    public List<String> followupsDue(Instant now, int limit) {
        return db.inTransaction(c -> Sql.list(c, "SELECT appointment_key FROM planned_call WHERE followup_at <= ?"
                + " GROUP BY appointment_key ORDER BY MIN(followup_at) FETCH FIRST ? ROWS ONLY",
                rs -> rs.getString(1), now, limit));
    }

    /** True when the planned call's end was recorded at or before {@code at} (false for a call not ended, or a null time). */
    public boolean endedBefore(long plannedCallId, Instant at) {
        if (at == null) {
            return false;
        }
        return db.inTransaction(c -> Sql.one(c, "SELECT ended_at FROM planned_call WHERE id = ? AND ended_at IS NOT NULL",
                rs -> Sql.instant(rs, "ended_at"), plannedCallId)).map(ended -> !ended.isAfter(at)).orElse(false);
    }

    /** True for a call of a reminder program (a touchpoint or retry for an appointment time), false for a no-show call. */
    public boolean inProgram(long plannedCallId) {
        return db.inTransaction(c -> Sql.one(c, "SELECT 1 FROM planned_call WHERE id = ? AND touchpoint >= 0"
                + " AND appointment_start IS NOT NULL", rs -> 1, plannedCallId)).isPresent();
    }

    /** Looks at the appointment's program again at {@code at}, through this planned call's follow-up. */
    public void followUpAt(long plannedCallId, Instant at) {
        db.inTransaction(c -> Sql.update(c, "UPDATE planned_call SET followup_at = ? WHERE id = ?", at, plannedCallId));
    }

    /** Clears the follow-ups of an appointment that were due at {@code now}; later ones (news since) stay. */
    public void clearFollowups(String appointmentKey, Instant now) {
        db.inTransaction(c -> Sql.update(c, "UPDATE planned_call SET followup_at = NULL WHERE appointment_key = ?"
                + " AND followup_at <= ?", appointmentKey, now));
    }

    /**
     * The answer (confirmed, declined, reschedule-requested, opted-out) already given to a call of the same
     * appointment start as this planned call, if any: a further reminder of that start must not be posted.
     */
    public Optional<String> answerFor(long plannedCallId) {
        return db.inTransaction(c -> Sql.one(c, "SELECT o.outcome FROM planned_call o JOIN planned_call p"
                + " ON o.appointment_key = p.appointment_key AND o.appointment_start = p.appointment_start"
                + " WHERE p.id = ? AND o.outcome IN (" + ANSWERS + ") FETCH FIRST 1 ROWS ONLY",
                rs -> rs.getString(1), plannedCallId));
    }

    /** One touchpoint or retry of an appointment's program, as {@link #program} reads it. */
    public record ProgramCall(long id, int touchpoint, int attempt, CallState state, String outcome, Instant endedAt) {
    }

    /** A touchpoint or retry that gets no call, and why (no PHI). */
    public record SkippedStep(int touchpoint, int attempt, String reason) {
    }

    private static Optional<PlannedCall> lockLive(Connection c, String appointmentKey) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM planned_call WHERE live_key = ? FOR UPDATE", CallStore::row,
                appointmentKey);
    }

    private static void markEvent(Connection c, long eventId, String state, String reason, Instant now) throws SQLException {
        if (Sql.update(c, "UPDATE appointment_event SET state = ?, state_reason = ?, state_at = ? WHERE id = ?",
                state, reason, now, eventId) == 0) {
            throw new IllegalArgumentException("no appointment event " + eventId);
        }
    }

    /**
     * Moves one planned call to {@code to} if it is in one of {@code from}, keeping live_key in step
     * with the state; true if it moved. The only way states change besides claiming and posting.
     */
    static boolean move(Connection c, long id, CallState to, String reason, Instant now, CallState... from)
            throws SQLException {
        return Sql.update(c, "UPDATE planned_call SET state = ?, reason = ?, updated_at = ?, " + liveKey(to)
                + " WHERE id = ? AND state IN (" + names(from) + ")", to.name(), reason, now, id) == 1;
    }

    /** The SET clause that keeps live_key equal to appointment_key exactly while the call is live. */
    static String liveKey(CallState to) {
        return to.isLive() ? "live_key = appointment_key" : "live_key = NULL";
    }

    static String names(CallState... states) {
        return Arrays.stream(states).map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }

    static PlannedCall row(ResultSet rs) throws SQLException {
        return new PlannedCall(rs.getLong("id"), rs.getString("appointment_key"), rs.getLong("event_id"),
                rs.getString("agent_id"), rs.getString("patient_id"), Sql.instant(rs, "call_at"), Sql.instant(rs, "due_at"),
                CallState.valueOf(rs.getString("state")), rs.getString("reason"), Sql.nullableLong(rs, "batch_id"),
                rs.getString("call_id"), rs.getString("api_batch_id"), rs.getString("call_status"),
                rs.getString("patient_zone"), rs.getString("extended_json"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
