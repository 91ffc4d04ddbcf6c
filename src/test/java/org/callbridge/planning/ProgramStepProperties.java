package org.callbridge.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.callbridge.outcome.Outcome;

/**
 * A whole reminder program played out, step by step, with random touchpoints, retries, holidays, caps and answers:
 * whatever happens, no call is placed outside 08:00-21:00 local, on a holiday, over a cap, after the minimum lead or
 * after an answer, and every touchpoint ends placed or skipped with a reason.
 */
class ProgramStepProperties {
    private static final Duration MIN_LEAD = Duration.ofHours(1);

    @Provide
    Arbitrary<List<Duration>> offsets() {
        return Arbitraries.of(Duration.ofDays(14), Duration.ofDays(7), Duration.ofDays(3), Duration.ofDays(2),
                Duration.ofDays(1), Duration.ofHours(20), Duration.ofHours(6), Duration.ofHours(2)).list().ofMinSize(1)
                .ofMaxSize(4).uniqueElements();
    }

    @Provide
    Arbitrary<List<Duration>> retries() {
        return Arbitraries.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(26))
                .list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<Outcome>> outcomes() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.just(Outcome.UNREACHED)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(Outcome.REACHED)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Outcome.CONFIRMED, Outcome.DECLINED, Outcome.OPTED_OUT,
                        Outcome.RESCHEDULE_REQUESTED))).list().ofSize(20);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("America/New_York", "America/Los_Angeles", "Pacific/Honolulu", "Europe/London",
                "Australia/Lord_Howe").map(ZoneId::of);
    }

    @Property(tries = 400)
    void a_program_keeps_every_rule(@ForAll("offsets") List<Duration> offsets, @ForAll("retries") List<Duration> retries,
                                    @ForAll("outcomes") List<Outcome> outcomes, @ForAll("zones") ZoneId zone,
                                    @ForAll Set<@net.jqwik.api.constraints.IntRange(min = 0, max = 20) Integer> holidayDays,
                                    @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 2) int perDay,
                                    @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 4) int perWeek,
                                    @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 20 * 24) int hoursBefore,
                                    @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 59) int minutesToEnd) {
        ZonedDateTime start = ZonedDateTime.of(2026, 12, 21, 11, 30, 0, 0, zone);
        LocalDate first = start.toLocalDate().minusDays(20);
        Set<LocalDate> holidays = new HashSet<>();
        holidayDays.forEach(d -> holidays.add(first.plusDays(d)));
        CallingWindow window = new CallingWindow(LocalTime.of(7, 0), LocalTime.of(22, 0), EnumSet.allOf(DayOfWeek.class));
        ContactCaps caps = new ContactCaps(perDay, perWeek);
        List<LocalDate> placedDays = new ArrayList<>();
        ProgramStep.Context context = new ProgramStep.Context(start, zone,
                new ReminderProgram(offsets, retries, window, "agent", 0), MIN_LEAD, Duration.ofMinutes(5),
                holidays::contains, d -> caps.allows(placedDays, d));

        Instant now = start.toInstant().minus(Duration.ofHours(hoursBefore));
        List<ProgramStep.Attempt> history = new ArrayList<>();
        Set<Integer> skippedOrPlaced = new HashSet<>();
        boolean answered = false;
        for (int round = 0; round < 40; round++) {
            ProgramStep.Step step = ProgramStep.next(context, history, now);
            for (ProgramStep.Skip skip : step.skips()) {
                assertThat(skip.reason()).isNotBlank();
                skippedOrPlaced.add(skip.touchpoint());
                history.add(new ProgramStep.Attempt(skip.touchpoint(), skip.attempt(), false, null, null, history.size()));
            }
            if (step.place() == null) {
                if (step.followupAt() == null) {
                    break;
                }
                now = step.followupAt();
                continue;
            }
            assertThat(answered).as("a call after the patient answered").isFalse();
            Instant callAt = step.place().callAt().isBefore(now) ? now : step.place().callAt();
            LocalTime local = callAt.atZone(zone).toLocalTime();
            LocalDate day = callAt.atZone(zone).toLocalDate();
            assertThat(local).isBetween(CallingWindow.EARLIEST, CallingWindow.LATEST);
            assertThat(local).isNotEqualTo(CallingWindow.LATEST);
            assertThat(holidays).doesNotContain(day);
            assertThat(callAt).isBeforeOrEqualTo(start.toInstant().minus(MIN_LEAD));
            assertThat(caps.allows(placedDays, day)).as("caps %s with calls on %s, one more on %s", caps, placedDays, day).isTrue();
            placedDays.add(day);
            skippedOrPlaced.add(step.place().touchpoint());
            Outcome outcome = outcomes.get(round % outcomes.size());
            Instant ended = callAt.plus(Duration.ofMinutes(minutesToEnd));
            history.add(new ProgramStep.Attempt(step.place().touchpoint(), step.place().attempt(), true, ended, outcome,
                    history.size()));
            answered |= outcome.stopsProgram();
            now = ended;
        }
        for (int tp = 0; tp < offsets.size(); tp++) {
            assertThat(skippedOrPlaced).as("touchpoint %d placed or skipped", tp).contains(tp);
        }
    }
}
