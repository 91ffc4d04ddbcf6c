package org.callbridge.planning;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;

/**
 * Decides, for one appointment event, whether and when to call: reminder offset, calling window in the
 * patient's zone, minimum lead, post-ahead horizon, cancellations and no-shows. Stateless and pure over
 * {@code now}.
 */
public final class CallingPolicy {

    /** Source statuses (letters only, lower case) that mean the appointment will not take place. */
    private static final Set<String> CANCELLED_STATUSES = Set.of("cancelled", "canceled", "deleted", "noshow");

    private final PolicySettings settings;
    private final Clock clock;

    public CallingPolicy(PolicySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public CallingPolicy(PolicySettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** The decision at the clock's current instant. */
    public Decision decide(AppointmentEvent event) {
        return decide(event, clock.instant());
    }

    /**
     * The decision for {@code event} at {@code now}, for a program of one touchpoint at the configured offset, without
     * holidays or caps: the first step {@link ProgramStep} takes for it.
     */
    public Decision decide(AppointmentEvent event, Instant now) {
        Optional<Decision> early = decideEarly(event, now);
        if (early.isPresent()) {
            return early.get();
        }
        ReminderProgram one = new ReminderProgram(List.of(settings.offset()), List.of(), settings.window(),
                settings.agentId(), 0);
        ProgramStep.Step step = ProgramStep.next(new ProgramStep.Context(event.start(), zoneOf(event), one,
                settings.minLead(), settings.postAhead(), date -> false, date -> true), List.of(), now);
        if (step.place() == null) {
            return new Decision.Skip(step.skips().get(0).reason());
        }
        return call(step.place().callAt(), now, CallFlow.REMINDER, settings.agentId());
    }

    /**
     * What is decided before any reminder program: a withdrawal, a no-show follow-up, or a skip for an appointment
     * without a start or already begun; empty when the appointment's reminder program decides.
     */
    public Optional<Decision> decideEarly(AppointmentEvent event, Instant now) {
        if (isWithdrawal(event)) {
            return Optional.of(new Decision.Withdraw(withdrawalReason(event)));
        }
        if (event.kind() == EventKind.NO_SHOW) {
            return Optional.of(noShow(event, now));
        }
        if (event.start() == null) {
            return Optional.of(new Decision.Skip("appointment has no start time"));
        }
        if (!event.start().toInstant().isAfter(now)) {
            return Optional.of(new Decision.Skip("appointment already started or past"));
        }
        return Optional.empty();
    }

    /** The settings the policy decides by. */
    public PolicySettings settings() {
        return settings;
    }

    /**
     * True when the event withdraws the appointment's reminder: a cancel or delete, or any other event whose
     * status says cancelled, canceled, deleted or no show. A no-show event is not a withdrawal here: it is
     * decided on its own (it still makes any pending reminder pointless, see {@link EventKind#withdraws()}).
     */
    public boolean isWithdrawal(AppointmentEvent event) {
        if (event.kind() == EventKind.CANCEL || event.kind() == EventKind.DELETE) {
            return true;
        }
        if (event.kind() == EventKind.NO_SHOW || event.status() == null) {
            return false;
        }
        String letters = event.status().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return CANCELLED_STATUSES.contains(letters);
    }

    private static String withdrawalReason(AppointmentEvent event) {
        return switch (event.kind()) {
            case CANCEL -> "appointment cancelled";
            case DELETE -> "appointment deleted";
            default -> "appointment status means it will not take place";
        };
    }

    /** The zone the event's calling window is evaluated in. */
    public ZoneId zoneOf(AppointmentEvent event) {
        return settings.zones().zoneFor(event.start(), event.location());
    }

    private Decision noShow(AppointmentEvent event, Instant now) {
        if (settings.noShowAgentId() == null) {
            return new Decision.Skip("no-show: no reminder");
        }
        Instant callAt = settings.window().earliestFrom(now, zoneOf(event));
        return call(callAt, now, CallFlow.NO_SHOW, settings.noShowAgentId());
    }

    private Decision call(Instant callAt, Instant now, CallFlow flow, String agentId) {
        boolean dueNow = !callAt.isAfter(now);
        boolean postNow = dueNow || !callAt.isAfter(now.plus(settings.postAhead()));
        return new Decision.Call(dueNow ? now : callAt, dueNow, postNow, flow, agentId);
    }
}
