package org.callbridge.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.callbridge.outcome.Outcome;

/**
 * The next step of one appointment's reminder program, from what its calls so far did: which touchpoints or retries
 * to record as skipped (with a reason a person can read), which call to place next and when, and when to look again.
 * Pure: the calling window, holidays and contact caps come in as predicates, the history as plain records.
 */
public final class ProgramStep {

    /** How many days a call may move past holidays and caps before it is given up. */
    private static final int MAX_DAYS_MOVED = 60;

    /**
     * A call of the program so far, for the same appointment start.
     *
     * @param placed   true when it reached the Calls API (posted, withdrawing, not withdrawn); false: skipped or refused
     * @param endedAt  when the call ended, null while it has not (or it was never placed)
     * @param outcome  the class of the ended call, null while it has not ended
     */
    public record Attempt(int touchpoint, int attempt, boolean placed, Instant endedAt, Outcome outcome, long plannedCallId) {
    }

    /** A touchpoint or retry that gets no call, and why. */
    public record Skip(int touchpoint, int attempt, String reason) {
    }

    /** The call to place; {@code callAt} may be before now (then it is due now). */
    public record Place(int touchpoint, int attempt, Instant callAt) {
    }

    /**
     * What to do now.
     *
     * @param skips      to record, in order
     * @param place      the call to place, or null
     * @param followupAt when to look at the appointment again even without news (the next touchpoint), or null
     * @param stopReason why the program ended early (the patient answered), or null
     */
    public record Step(List<Skip> skips, Place place, Instant followupAt, String stopReason) {
        public Step {
            skips = List.copyOf(skips);
        }
    }

    /**
     * The appointment and what applies to it.
     *
     * @param start     the appointment's start, in the zone it was given in (whole days of offsets are local days)
     * @param zone      the patient's zone, for the calling window, holidays and caps
     * @param closed    true for a local date that is a holiday where the appointment is
     * @param capAllows true when one more call on a local date keeps the patient within the contact caps
     */
    public record Context(ZonedDateTime start, ZoneId zone, ReminderProgram program, Duration minLead, Duration postAhead,
                          Predicate<LocalDate> closed, Predicate<LocalDate> capAllows) {
    }

    private ProgramStep() {
    }

    /** The step at {@code now}, given every call of the program so far (any order). */
    public static Step next(Context c, List<Attempt> history, Instant now) {
        List<Skip> skips = new ArrayList<>();
        int n = c.program().offsets().size();
        int last = history.stream().mapToInt(Attempt::touchpoint).max().orElse(-1);
        Optional<Attempt> answer = history.stream()
                .filter(a -> a.outcome() != null && a.outcome().stopsProgram()).findFirst();
        if (answer.isPresent()) {
            String reason = "patient answered " + answer.get().outcome().wireName();
            for (int tp = last + 1; tp < n; tp++) {
                skips.add(new Skip(tp, 0, reason));
            }
            return new Step(skips, null, null, reason);
        }
        int from = last + 1;
        if (last >= 0) {
            Attempt latest = history.stream().filter(a -> a.touchpoint() == last)
                    .max(Comparator.comparingInt(Attempt::attempt)).orElseThrow();
            Instant nextTarget = from < n ? target(c, from) : null;
            if (latest.placed() && latest.endedAt() == null) {
                // still open at the API: the next touchpoint goes ahead at its time, else wait for the result
                if (nextTarget == null || now.isBefore(nextTarget.minus(c.postAhead()))) {
                    return new Step(skips, null, nextTarget == null ? null : nextTarget.minus(c.postAhead()), null);
                }
            } else if (latest.placed() && latest.outcome() == Outcome.UNREACHED
                    && latest.attempt() < c.program().retryUnreached().size()) {
                int attempt = latest.attempt() + 1;
                Instant retryAt = latest.endedAt().plus(c.program().retryUnreached().get(latest.attempt()));
                if (nextTarget != null && !retryAt.isBefore(nextTarget)) {
                    skips.add(new Skip(last, attempt, "retry would fall at or after the next touchpoint"));
                } else {
                    Placement p = placement(c, latest(retryAt, now), nextTarget);
                    if (p.callAt() != null) {
                        return new Step(skips, new Place(last, attempt, p.callAt()), followup(c, from), null);
                    }
                    skips.add(new Skip(last, attempt, p.reason()));
                }
            }
        }
        for (int tp = from; tp < n; tp++) {
            Instant target = target(c, tp);
            Instant nextTarget = tp + 1 < n ? target(c, tp + 1) : null;
            if (!target.isAfter(now) && nextTarget != null && !nextTarget.isAfter(now)) {
                skips.add(new Skip(tp, 0, "touchpoint passed"));
                continue;
            }
            Placement p = placement(c, latest(target, now), nextTarget);
            if (p.callAt() != null) {
                return new Step(skips, new Place(tp, 0, p.callAt()), followup(c, tp + 1), null);
            }
            skips.add(new Skip(tp, 0, p.reason()));
        }
        return new Step(skips, null, null, null);
    }

    /** When touchpoint {@code tp} is meant to ring: whole days of its offset are calendar days in the patient's zone. */
    static Instant target(Context c, int tp) {
        Duration offset = c.program().offsets().get(tp);
        long days = offset.toDaysPart();
        return c.start().withZoneSameInstant(c.zone()).minusDays(days).minus(offset.minusDays(days)).toInstant();
    }

    private record Placement(Instant callAt, String reason) {
    }

    /**
     * The first time at or after {@code from} inside the calling window on a day that is neither a holiday nor over a
     * cap; no time when that is later than the minimum lead allows, or when a holiday or cap moved it onto the next
     * touchpoint.
     */
    private static Placement placement(Context c, Instant from, Instant nextTarget) {
        Instant latest = c.start().toInstant().minus(c.minLead());
        Opening opening = firstOpening(c.program().window(), c.zone(), from, c.closed(), c.capAllows(), MAX_DAYS_MOVED + 1,
                latest);
        if (opening.at() == null) {
            return new Placement(null, opening.movedBy());
        }
        if (opening.at().isAfter(latest)) {
            return new Placement(null, opening.movedBy() != null ? opening.movedBy() : "too late to remind");
        }
        if (opening.movedBy() != null && nextTarget != null && !opening.at().isBefore(nextTarget)) {
            return new Placement(null, opening.movedBy());
        }
        return new Placement(opening.at(), null);
    }

    /**
     * Where {@link #firstOpening} landed: the time, or null when still blocked; and what moved it off its first day
     * ({@code holiday}, {@code contact cap}), or null when nothing did.
     */
    record Opening(Instant at, String movedBy) {
    }

    /**
     * The first time at or after {@code from} inside the window on a day that is no holiday and within the caps,
     * moving to the next day's opening one day at a time: at most {@code days} days are looked at, and none once past
     * {@code giveUpAfter} (null: no such bound).
     */
    static Opening firstOpening(CallingWindow window, ZoneId zone, Instant from, Predicate<LocalDate> closed,
                                Predicate<LocalDate> capAllows, int days, Instant giveUpAfter) {
        Instant t = window.earliestFrom(from, zone);
        String blocked = null;
        for (int day = 0; ; day++) {
            LocalDate date = t.atZone(zone).toLocalDate();
            String why = closed.test(date) ? "holiday" : !capAllows.test(date) ? "contact cap" : null;
            if (why == null) {
                return new Opening(t, blocked);
            }
            blocked = why;
            if (day == days - 1 || giveUpAfter != null && t.isAfter(giveUpAfter)) {
                return new Opening(null, why);
            }
            t = window.earliestFrom(date.plusDays(1).atStartOfDay(zone).toInstant(), zone);
        }
    }

    private static Instant followup(Context c, int tp) {
        return tp < c.program().offsets().size() ? target(c, tp).minus(c.postAhead()) : null;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
