package org.callbridge.planning;



import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.json.Json;
import org.callbridge.store.CallState;
import org.callbridge.store.CallStore;
import org.callbridge.store.Database;
import org.callbridge.store.NewCall;
import org.callbridge.store.PlanResult;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.StoredEvent;
import org.callbridge.store.Withdrawal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one appointment event. The policy decides; then: a call replaces the appointment's pending call; a skip
 * or a cancel removes it and is recorded with its reason. Calls already posted are withdrawn (hung up, or recorded
 * NOT_WITHDRAWN) on a cancel, and on any other event that moves the appointment's start; a call for a start a
 * posted call already covers is not planned again. While the appointment's call is SENDING the event waits.
 */
public final class EventPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(EventPlanner.class);

    /** Whether the event was applied or must wait for the next cycle. */
    enum Outcome { APPLIED, DEFERRED }

    private final Database db;
    private final CallingPolicy policy;
    private final Duration postAhead;
    private final CallStore calls;
    private final PostedCalls posted;

    public EventPlanner(Database db, CallingPolicy policy, Duration postAhead, CallStore calls, PostedCalls posted) {
        this.db = db;
        this.policy = policy;
        this.postAhead = postAhead;
        this.calls = calls;
        this.posted = posted;
    }

    Outcome apply(StoredEvent stored, Instant now, PlanningSummary.Tally tally) {
        String key = stored.appointmentKey();
        Optional<PlannedCall> live = calls.liveCall(key);
        if (live.isPresent() && live.get().state() == CallState.SENDING) {
            return deferred(stored, live.get().id(), tally);
        }
        AppointmentEvent event = stored.event();
        Decision decision = checked(policy.decide(event, now), event);
        if (decision instanceof Decision.Withdraw w) {
            posted.withdrawAll(key, w.reason(), tally);
            return skip(stored, w.reason(), true, tally);
        }
        if (event.kind() != EventKind.NO_SHOW) {
            Instant start = event.start() == null ? null : event.start().toInstant();
            Optional<PlannedCall> covering = posted.covering(key, start);
            if (decision instanceof Decision.Call && covering.isPresent()) {
                return skip(stored, "a call for this appointment time was already posted (planned call "
                        + covering.get().id() + ")", false, tally);
            }
            posted.withdrawMoved(key, start, "appointment moved", tally);
        }
        if (decision instanceof Decision.Skip s) {
            return skip(stored, s.reason(), false, tally);
        }
        return plan(stored, (Decision.Call) decision, now, tally);
    }

    private Decision checked(Decision decision, AppointmentEvent event) {
        if (decision instanceof Decision.Call call && call.agentId() == null) {
            return new Decision.Skip("no agent configured for " + call.flow().slug() + " calls");
        }
        if (decision instanceof Decision.Call && event.patientId() == null) {
            return new Decision.Skip("patient has no Calls API id");
        }
        return decision;
    }

    private Outcome plan(StoredEvent stored, Decision.Call call, Instant now, PlanningSummary.Tally tally) {
        AppointmentEvent event = stored.event();
        Instant dueAt = call.dueNow() ? now : call.callAt().minus(postAhead);
        ZoneId zone = policy.zoneOf(event);
        NewCall newCall = new NewCall(stored.id(), stored.appointmentKey(), call.agentId(), event.patientId(),
                call.callAt(), dueAt, zone.getId(), json(event, zone));
        PlanResult result = calls.plan(newCall);
        if (result.outcome() == PlanResult.Outcome.BLOCKED) {
            return deferred(stored, result.id(), tally);
        }
        if (result.outcome() == PlanResult.Outcome.PLANNED) {
            tally.planned();
            if (result.supersededId() != null) {
                tally.pendingRemoved();
            }
        }
        LOG.debug("event {}: call {} {} at {}, due {}", stored.id(), result.id(), result.outcome(), call.callAt(), dueAt);
        return Outcome.APPLIED;
    }

    /** Removes the live call (if it is not being sent) and records that the event gets no call, in one transaction. */
    private Outcome skip(StoredEvent stored, String reason, boolean withdrawal, PlanningSummary.Tally tally) {
        Withdrawal w = db.inTransaction(c -> {
            Withdrawal removed = calls.cancelLive(stored.appointmentKey(), reason + " (event " + stored.id() + ")");
            if (removed.outcome() != Withdrawal.Outcome.IN_FLIGHT) {
                calls.skip(stored.id(), stored.appointmentKey(), reason);
            }
            return removed;
        });
        if (w.outcome() == Withdrawal.Outcome.IN_FLIGHT) {
            return deferred(stored, w.plannedCallId(), tally);
        }
        if (w.outcome() == Withdrawal.Outcome.CANCELLED) {
            tally.pendingRemoved();
            LOG.info("event {}: pending call {} removed before posting", stored.id(), w.plannedCallId());
        }
        if (withdrawal) {
            tally.withdrawal();
        } else {
            tally.skipped();
        }
        LOG.debug("event {}: no call ({})", stored.id(), reason);
        return Outcome.APPLIED;
    }

    private Outcome deferred(StoredEvent stored, long plannedCallId, PlanningSummary.Tally tally) {
        tally.deferred();
        LOG.info("event {}: deferred, call {} of the appointment is being sent", stored.id(), plannedCallId);
        return Outcome.DEFERRED;
    }

    private String json(AppointmentEvent event, ZoneId zone) {
        try {
            return Json.mapper().writeValueAsString(ExtendedPayload.forEvent(event, zone));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("extended payload cannot be written as JSON", e);
        }
    }
}
