package org.callbridge.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
 * Applies one appointment event, and moves an appointment's reminder program on when a call of it ends or its next
 * touchpoint comes. The policy decides withdrawals, no-shows and appointments already past; the appointment's
 * {@link ReminderProgram} and {@link ProgramStep} decide the rest: which touchpoint or retry to place next (it
 * replaces the appointment's pending call), and which get no call, each recorded with its reason. Calls already
 * posted are withdrawn (hung up, or recorded NOT_WITHDRAWN) on a cancel, and on any other event that moves the
 * appointment's start. While the appointment's call is SENDING the event waits.
 */
public final class EventPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(EventPlanner.class);

    /** How far around a call the contact caps look: a week on either side. */
    private static final Duration CAP_REACH = Duration.ofDays(8);
    /** States of calls that reached the Calls API, so count as a placed touchpoint. */
    private static final Set<CallState> PLACED = Set.of(CallState.SENDING, CallState.POSTED, CallState.WITHDRAWING,
            CallState.NOT_WITHDRAWN);
    /** States that hold a touchpoint's place without a call. */
    private static final Set<CallState> HANDLED = Set.of(CallState.SKIPPED, CallState.REJECTED);

    /** Whether the event was applied or must wait for the next cycle. */
    enum Outcome { APPLIED, DEFERRED }

    private final Database db;
    private final CallingPolicy policy;
    private final Duration postAhead;
    private final CallStore calls;
    private final PostedCalls posted;
    private final ProgramSources sources;

    public EventPlanner(Database db, CallingPolicy policy, Duration postAhead, CallStore calls, PostedCalls posted,
                        ProgramSources sources) {
        this.db = db;
        this.policy = policy;
        this.postAhead = postAhead;
        this.calls = calls;
        this.posted = posted;
        this.sources = sources;
    }

    Outcome apply(StoredEvent stored, Instant now, PlanningSummary.Tally tally) {
        String key = stored.appointmentKey();
        Optional<PlannedCall> live = calls.liveCall(key);
        if (live.isPresent() && live.get().state() == CallState.SENDING) {
            return deferred(stored, live.get().id(), tally);
        }
        AppointmentEvent event = stored.event();
        Optional<Decision> early = policy.decideEarly(event, now);
        if (early.isPresent() && early.get() instanceof Decision.Withdraw w) {
            posted.withdrawAll(key, stored.receivedAt(), w.reason(), tally);
            return skip(stored, w.reason(), List.of(), true, tally);
        }
        if (event.kind() != EventKind.NO_SHOW) {
            posted.withdrawMoved(key, stored.receivedAt(), event.start() == null ? null : event.start().toInstant(),
                    "appointment moved", tally);
        }
        if (early.isPresent()) {
            Decision decision = checked(early.get(), event);
            if (decision instanceof Decision.Skip s) {
                return skip(stored, s.reason(), List.of(), false, tally);
            }
            Decision.Call call = (Decision.Call) decision;
            ZoneId zone = policy.zoneOf(event);
            if (sources.doNotCall(event.patientId(), event.mrn())) {
                return skip(stored, "patient is on the do-not-call list", List.of(), false, tally);
            }
            Instant callAt = openDay(call.callAt(), zone, event, key, now);
            if (callAt == null) {
                return skip(stored, "no day within two weeks free of holidays and contact caps", List.of(), false, tally);
            }
            boolean dueNow = !callAt.isAfter(now);
            Instant dueAt = dueNow ? now : callAt.minus(postAhead);
            return plan(stored, new NewCall(stored.id(), key, call.agentId(), event.patientId(), dueNow ? now : callAt, dueAt,
                    zone.getId(), json(event, zone)), now, List.of(), tally);
        }
        return remind(stored, now, tally, true);
    }

    /**
     * Moves the program of the appointment whose newest event this is: after a call of it ended, or when its next
     * touchpoint's time came. Nothing for a cancelled, past or no-show appointment.
     */
    Outcome followUp(StoredEvent latest, Instant now, PlanningSummary.Tally tally) {
        AppointmentEvent event = latest.event();
        Optional<PlannedCall> live = calls.liveCall(latest.appointmentKey());
        if (live.isPresent() && live.get().state() == CallState.SENDING) {
            return deferred(latest, live.get().id(), tally);
        }
        if (policy.decideEarly(event, now).isPresent()) {
            calls.clearFollowups(latest.appointmentKey(), now);
            return Outcome.APPLIED;
        }
        return remind(latest, now, tally, false);
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

    /** The next step of the appointment's reminder program; {@code first}: the event itself is being decided. */
    private Outcome remind(StoredEvent stored, Instant now, PlanningSummary.Tally tally, boolean first) {
        AppointmentEvent event = stored.event();
        String key = stored.appointmentKey();
        Instant start = event.start().toInstant();
        ReminderProgram program = sources.programFor(event, policy.settings());
        List<CallStore.ProgramCall> rows = calls.program(key, start);
        List<ProgramStep.Attempt> history = rows.stream()
                .filter(r -> PLACED.contains(r.state()) || HANDLED.contains(r.state()))
                .map(r -> new ProgramStep.Attempt(r.touchpoint(), r.attempt(), PLACED.contains(r.state()), r.endedAt(),
                        r.outcome() == null ? null : org.callbridge.outcome.Outcome.ofWireName(r.outcome()), r.id()))
                .toList();
        String refusal = refusal(event, program);
        if (refusal != null) {
            int last = history.stream().mapToInt(ProgramStep.Attempt::touchpoint).max().orElse(-1);
            List<CallStore.SkippedStep> rest = java.util.stream.IntStream.range(last + 1, program.offsets().size())
                    .mapToObj(tp -> new CallStore.SkippedStep(tp, 0, refusal)).toList();
            return first ? skip(stored, refusal, List.of(), false, tally)
                    : stop(stored, refusal, rest, now, null, null, tally);
        }
        ZoneId zone = policy.zoneOf(event);
        ContactCaps caps = policy.settings().caps();
        List<LocalDate> contacts = contactDays(event, key, zone, now.minus(CAP_REACH), start.plus(CAP_REACH));
        ProgramStep.Context context = new ProgramStep.Context(event.start(), zone, program, policy.settings().minLead(),
                postAhead, d -> sources.holiday(d, event.location()), d -> caps.allows(contacts, d));
        ProgramStep.Step step = ProgramStep.next(context, history, now);
        List<CallStore.SkippedStep> skips = step.skips().stream()
                .map(s -> new CallStore.SkippedStep(s.touchpoint(), s.attempt(), s.reason())).toList();
        Optional<CallStore.ProgramCall> pendingLater = rows.stream().filter(r -> r.state().isLive()
                && step.place() != null && r.touchpoint() > step.place().touchpoint()).findFirst();
        if (pendingLater.isPresent()) {
            // the next touchpoint is already planned (its time came while this one was out): it is not replaced
            ProgramStep.Place p = step.place();
            List<CallStore.SkippedStep> all = new java.util.ArrayList<>(skips);
            all.add(new CallStore.SkippedStep(p.touchpoint(), p.attempt(), "the next touchpoint is already planned"));
            return first ? skip(stored, "the next touchpoint is already planned", all, false, tally)
                    : stop(stored, null, all, now, null, null, tally);
        }
        if (step.place() != null) {
            ProgramStep.Place p = step.place();
            boolean dueNow = !p.callAt().isAfter(now);
            Instant callAt = dueNow ? now : p.callAt();
            Instant dueAt = dueNow ? now : callAt.minus(postAhead);
            NewCall call = new NewCall(stored.id(), key, program.agentId(), event.patientId(), callAt, dueAt, zone.getId(),
                    json(event, zone), p.touchpoint(), p.attempt(), start, step.followupAt());
            return plan(stored, call, now, skips, tally);
        }
        if (step.stopReason() != null) {
            if (first) {
                Outcome outcome = skip(stored, step.stopReason(), skips, false, tally);
                withdrawOpen(stored, step.stopReason(), tally);
                return outcome;
            }
            return stop(stored, step.stopReason(), skips, now, null, null, tally);
        }
        Optional<ProgramStep.Attempt> open = history.stream().filter(a -> a.placed() && a.endedAt() == null)
                .max(Comparator.comparingLong(ProgramStep.Attempt::plannedCallId));
        Long followupCall = step.followupAt() != null && open.isPresent() ? open.get().plannedCallId() : null;
        if (!first) {
            return stop(stored, null, skips, now, followupCall, step.followupAt(), tally);
        }
        OptionalLong placed = history.stream().filter(ProgramStep.Attempt::placed)
                .mapToLong(ProgramStep.Attempt::plannedCallId).max();
        if (placed.isPresent() && skips.isEmpty()) {
            // a re-sent or updated event for the same time: it carries the program on, so later steps go under it
            return joins(stored, "a call for this appointment time was already posted (planned call " + placed.getAsLong()
                    + ")", followupCall, step.followupAt(), tally);
        }
        String reason = skips.isEmpty() ? "every touchpoint of this appointment is done" : skips.get(skips.size() - 1).reason();
        return skip(stored, reason, skips, false, tally);
    }

    /** Records that the event places nothing itself and the appointment's program goes on under it. */
    private Outcome joins(StoredEvent stored, String reason, Long followupCall, Instant followupAt,
                          PlanningSummary.Tally tally) {
        db.inTransaction(c -> {
            calls.skip(stored.id(), stored.appointmentKey(), reason, CallStore.JOINS_PROGRAM);
            if (followupCall != null) {
                calls.followUpAt(followupCall, followupAt);
            }
            return null;
        });
        tally.skipped();
        return Outcome.APPLIED;
    }

    /** The program stopped: calls of the appointment's time already posted and not ended are withdrawn. */
    private void withdrawOpen(StoredEvent stored, String why, PlanningSummary.Tally tally) {
        posted.withdrawOpen(stored.appointmentKey(), stored.event().start().toInstant(), why, tally);
    }

    /**
     * The first time at or after {@code t} in the calling window on a day that is no holiday where the appointment is
     * and keeps the patient within the contact caps (a no-show follow-up counts like any call); null after two weeks.
     */
    private Instant openDay(Instant t, ZoneId zone, AppointmentEvent event, String key, Instant now) {
        ContactCaps caps = policy.settings().caps();
        List<LocalDate> contacts = contactDays(event, key, zone, now.minus(CAP_REACH), now.plus(CAP_REACH).plus(CAP_REACH));
        return ProgramStep.firstOpening(policy.settings().window(), zone, t, d -> sources.holiday(d, event.location()),
                d -> caps.allows(contacts, d), 14, null).at();
    }

    /**
     * The local days (in {@code zone}) of the patient's calls in {@code [from, to)}, for the contact caps; none read
     * when both caps are off. The appointment's own live call is left out: a plan replaces it.
     */
    private List<LocalDate> contactDays(AppointmentEvent event, String key, ZoneId zone, Instant from, Instant to) {
        ContactCaps caps = policy.settings().caps();
        if (caps.perDay() == 0 && caps.perWeek() == 0) {
            return List.of();
        }
        return calls.contactTimes(event.patientId(), key, from, to).stream().map(t -> t.atZone(zone).toLocalDate()).toList();
    }

    /** Why the appointment gets no reminder call at all, or null. */
    private String refusal(AppointmentEvent event, ReminderProgram program) {
        if (!program.calls()) {
            return "no reminder calls for these appointments (rule " + program.rule() + ")";
        }
        if (program.agentId() == null) {
            return "no agent configured for " + CallFlow.REMINDER.slug() + " calls";
        }
        if (event.patientId() == null) {
            return "patient has no Calls API id";
        }
        if (sources.doNotCall(event.patientId(), event.mrn())) {
            return "patient is on the do-not-call list";
        }
        return null;
    }

    private Outcome plan(StoredEvent stored, NewCall call, Instant now, List<CallStore.SkippedStep> skips,
                         PlanningSummary.Tally tally) {
        PlanResult result = db.inTransaction(c -> {
            calls.clearFollowups(call.appointmentKey(), now);
            calls.skipSteps(stored.id(), call.appointmentKey(), call.appointmentStart(), skips);
            return calls.plan(call);
        });
        if (result.outcome() == PlanResult.Outcome.BLOCKED) {
            return deferred(stored, result.id(), tally);
        }
        if (result.outcome() == PlanResult.Outcome.PLANNED) {
            tally.planned();
            if (result.supersededId() != null) {
                tally.pendingRemoved();
            }
        }
        LOG.debug("event {}: call {} {} at {}, due {}, touchpoint {} try {}", stored.id(), result.id(), result.outcome(),
                call.callAt(), call.dueAt(), call.touchpoint(), call.attempt());
        return Outcome.APPLIED;
    }

    /**
     * Removes the live call (if it is not being sent) and records that the event gets no call, with the program's
     * skipped steps, in one transaction.
     */
    private Outcome skip(StoredEvent stored, String reason, List<CallStore.SkippedStep> skips, boolean withdrawal,
                         PlanningSummary.Tally tally) {
        Withdrawal w = db.inTransaction(c -> {
            Withdrawal removed = calls.cancelLive(stored.appointmentKey(), reason + " (event " + stored.id() + ")");
            if (removed.outcome() != Withdrawal.Outcome.IN_FLIGHT) {
                if (skips.isEmpty()) {
                    calls.skip(stored.id(), stored.appointmentKey(), reason);
                } else {
                    calls.skipSteps(stored.id(), stored.appointmentKey(), stored.event().start().toInstant(), skips, reason);
                }
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

    /**
     * A follow-up that places nothing: records the skipped steps, and when the program stopped ({@code reason} not
     * null) cancels a call of it still waiting to be posted; clears the appointment's due follow-ups.
     */
    private Outcome stop(StoredEvent latest, String reason, List<CallStore.SkippedStep> skips, Instant now,
                         Long followupCall, Instant followupAt, PlanningSummary.Tally tally) {
        Withdrawal w = db.inTransaction(c -> {
            Withdrawal removed = reason == null ? new Withdrawal(Withdrawal.Outcome.NONE, null)
                    : calls.cancelLive(latest.appointmentKey(), reason);
            if (removed.outcome() != Withdrawal.Outcome.IN_FLIGHT) {
                calls.clearFollowups(latest.appointmentKey(), now);
                calls.skipSteps(latest.id(), latest.appointmentKey(), latest.event().start().toInstant(), skips);
                if (followupCall != null) {
                    calls.followUpAt(followupCall, followupAt);
                }
            }
            return removed;
        });
        if (w.outcome() == Withdrawal.Outcome.IN_FLIGHT) {
            return deferred(latest, w.plannedCallId(), tally);
        }
        if (w.outcome() == Withdrawal.Outcome.CANCELLED) {
            tally.pendingRemoved();
        }
        if (reason != null) {
            withdrawOpen(latest, reason, tally);
        }
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
