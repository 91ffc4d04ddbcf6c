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
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.callbridge.outcome.Outcome;
import org.junit.jupiter.api.Test;

class ProgramStepTest {
    private static final ZoneId NY = ZoneId.of("America/New_York");
    /** Friday 2026-12-18 10:00 New York. */
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 18, 10, 0, 0, 0, NY);
    private static final CallingWindow WINDOW = new CallingWindow(LocalTime.of(9, 0), LocalTime.of(19, 0),
            EnumSet.allOf(DayOfWeek.class));
    private static final List<Duration> THREE = List.of(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(2));

    private static ProgramStep.Context context(List<Duration> offsets, List<Duration> retries, Predicate<LocalDate> closed,
                                               Predicate<LocalDate> capAllows) {
        return new ProgramStep.Context(START, NY, new ReminderProgram(offsets, retries, WINDOW, "agent", 0),
                Duration.ofHours(1), Duration.ofMinutes(5), closed, capAllows);
    }

    private static ProgramStep.Context context(List<Duration> offsets, List<Duration> retries) {
        return context(offsets, retries, d -> false, d -> true);
    }

    private static Instant at(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 12, day, hour, minute, 0, 0, NY).toInstant();
    }

    @Test
    void should_place_the_first_touchpoint_at_its_offset_and_look_again_before_the_second() {
        ProgramStep.Step step = ProgramStep.next(context(THREE, List.of()), List.of(), at(1, 12, 0));

        assertThat(step.place()).isEqualTo(new ProgramStep.Place(0, 0, at(11, 10, 0)));
        assertThat(step.skips()).isEmpty();
        assertThat(step.followupAt()).isEqualTo(at(17, 9, 55));
    }

    @Test
    void should_skip_passed_touchpoints_but_place_the_most_recent_one_now() {
        Instant now = at(17, 12, 0);

        ProgramStep.Step step = ProgramStep.next(context(THREE, List.of()), List.of(), now);

        assertThat(step.skips()).containsExactly(new ProgramStep.Skip(0, 0, "touchpoint passed"));
        assertThat(step.place()).isEqualTo(new ProgramStep.Place(1, 0, now));
    }

    @Test
    void should_skip_the_most_recent_passed_touchpoint_when_it_is_already_too_late() {
        ProgramStep.Step step = ProgramStep.next(context(List.of(Duration.ofDays(1), Duration.ofHours(2)), List.of()),
                List.of(), at(18, 9, 30));

        assertThat(step.place()).isNull();
        assertThat(step.skips()).extracting(ProgramStep.Skip::reason)
                .containsExactly("touchpoint passed", "too late to remind");
    }

    @Test
    void should_place_the_next_touchpoint_once_the_previous_call_was_reached() {
        List<ProgramStep.Attempt> history = List.of(new ProgramStep.Attempt(0, 0, true, at(11, 10, 3), Outcome.REACHED, 5));

        ProgramStep.Step step = ProgramStep.next(context(THREE, List.of()), history, at(11, 10, 4));

        assertThat(step.place()).isEqualTo(new ProgramStep.Place(1, 0, at(17, 10, 0)));
    }

    @Test
    void should_stop_every_later_touchpoint_after_an_answer() {
        List<ProgramStep.Attempt> history = List.of(
                new ProgramStep.Attempt(0, 0, true, at(11, 10, 3), Outcome.REACHED, 5),
                new ProgramStep.Attempt(1, 0, true, at(17, 10, 2), Outcome.CONFIRMED, 9));

        ProgramStep.Step step = ProgramStep.next(context(THREE, List.of()), history, at(17, 10, 3));

        assertThat(step.place()).isNull();
        assertThat(step.stopReason()).isEqualTo("patient answered confirmed");
        assertThat(step.skips()).containsExactly(new ProgramStep.Skip(2, 0, "patient answered confirmed"));
    }

    @Test
    void should_retry_an_unreached_call_after_each_delay_then_move_on() {
        List<Duration> retries = List.of(Duration.ofHours(1), Duration.ofHours(3));
        List<ProgramStep.Attempt> history = new ArrayList<>(List.of(
                new ProgramStep.Attempt(0, 0, true, at(11, 10, 1), Outcome.UNREACHED, 5)));

        ProgramStep.Step first = ProgramStep.next(context(THREE, retries), history, at(11, 10, 2));
        assertThat(first.place()).isEqualTo(new ProgramStep.Place(0, 1, at(11, 11, 1)));

        history.add(new ProgramStep.Attempt(0, 1, true, at(11, 11, 2), Outcome.UNREACHED, 6));
        ProgramStep.Step second = ProgramStep.next(context(THREE, retries), history, at(11, 11, 3));
        assertThat(second.place()).isEqualTo(new ProgramStep.Place(0, 2, at(11, 14, 2)));

        history.add(new ProgramStep.Attempt(0, 2, true, at(11, 14, 3), Outcome.UNREACHED, 7));
        ProgramStep.Step third = ProgramStep.next(context(THREE, retries), history, at(11, 14, 4));
        assertThat(third.place()).isEqualTo(new ProgramStep.Place(1, 0, at(17, 10, 0)));
    }

    @Test
    void should_not_retry_a_call_that_completed_or_after_the_next_touchpoint() {
        List<Duration> retries = List.of(Duration.ofHours(1));
        List<ProgramStep.Attempt> reached = List.of(new ProgramStep.Attempt(1, 0, true, at(17, 10, 1), Outcome.REACHED, 5));
        assertThat(ProgramStep.next(context(THREE, retries), reached, at(17, 10, 2)).place().touchpoint()).isEqualTo(2);

        List<Duration> late = List.of(Duration.ofHours(23));
        List<ProgramStep.Attempt> unreached = List.of(new ProgramStep.Attempt(1, 0, true, at(17, 10, 1), Outcome.UNREACHED, 5));
        ProgramStep.Step step = ProgramStep.next(context(THREE, late), unreached, at(17, 10, 2));
        assertThat(step.skips()).containsExactly(new ProgramStep.Skip(1, 1, "retry would fall at or after the next touchpoint"));
        assertThat(step.place()).isEqualTo(new ProgramStep.Place(2, 0, at(18, 9, 0)));
    }

    @Test
    void should_never_retry_after_the_minimum_lead() {
        List<ProgramStep.Attempt> history = List.of(new ProgramStep.Attempt(0, 0, true, at(18, 8, 40), Outcome.UNREACHED, 5));

        ProgramStep.Step step = ProgramStep.next(context(List.of(Duration.ofHours(2)), List.of(Duration.ofMinutes(30))),
                history, at(18, 8, 41));

        assertThat(step.place()).isNull();
        assertThat(step.skips()).containsExactly(new ProgramStep.Skip(0, 1, "too late to remind"));
    }

    @Test
    void should_wait_while_the_previous_call_is_still_open_then_go_on_at_the_next_touchpoint() {
        List<ProgramStep.Attempt> open = List.of(new ProgramStep.Attempt(0, 0, true, null, null, 5));

        ProgramStep.Step waiting = ProgramStep.next(context(THREE, List.of()), open, at(12, 9, 0));
        assertThat(waiting.place()).isNull();
        assertThat(waiting.skips()).isEmpty();
        assertThat(waiting.followupAt()).isEqualTo(at(17, 9, 55));

        ProgramStep.Step next = ProgramStep.next(context(THREE, List.of()), open, at(17, 9, 56));
        assertThat(next.place()).isEqualTo(new ProgramStep.Place(1, 0, at(17, 10, 0)));
    }

    @Test
    void should_move_a_touchpoint_off_a_holiday_to_the_next_window_opening() {
        Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 12, 11));

        ProgramStep.Step step = ProgramStep.next(context(THREE, List.of(), holidays::contains, d -> true), List.of(),
                at(1, 12, 0));

        assertThat(step.place()).isEqualTo(new ProgramStep.Place(0, 0, at(12, 9, 0)));
    }

    @Test
    void should_skip_a_touchpoint_a_holiday_pushes_past_the_minimum_lead() {
        Set<LocalDate> holidays = Set.of(LocalDate.of(2026, 12, 17), LocalDate.of(2026, 12, 18));

        ProgramStep.Step step = ProgramStep.next(context(List.of(Duration.ofDays(1)), List.of(), holidays::contains,
                d -> true), List.of(), at(10, 12, 0));

        assertThat(step.place()).isNull();
        assertThat(step.skips()).containsExactly(new ProgramStep.Skip(0, 0, "holiday"));
    }

    @Test
    void should_skip_a_touchpoint_a_cap_moves_onto_the_next_one() {
        Set<LocalDate> full = Set.of(LocalDate.of(2026, 12, 11), LocalDate.of(2026, 12, 12), LocalDate.of(2026, 12, 13),
                LocalDate.of(2026, 12, 14), LocalDate.of(2026, 12, 15), LocalDate.of(2026, 12, 16), LocalDate.of(2026, 12, 17));

        ProgramStep.Step step = ProgramStep.next(context(THREE, List.of(), d -> false, d -> !full.contains(d)), List.of(),
                at(1, 12, 0));

        assertThat(step.skips()).containsExactly(new ProgramStep.Skip(0, 0, "contact cap"), new ProgramStep.Skip(1, 0, "contact cap"));
        assertThat(step.place()).isEqualTo(new ProgramStep.Place(2, 0, at(18, 9, 0)));
    }

    @Test
    void should_keep_whole_day_offsets_at_the_same_local_time_across_a_clock_change() {
        ZonedDateTime start = ZonedDateTime.of(2026, 11, 2, 10, 0, 0, 0, NY);
        ProgramStep.Context c = new ProgramStep.Context(start, NY,
                new ReminderProgram(List.of(Duration.ofDays(2)), List.of(), WINDOW, "agent", 0), Duration.ofHours(1),
                Duration.ZERO, d -> false, d -> true);

        ProgramStep.Step step = ProgramStep.next(c, List.of(), ZonedDateTime.of(2026, 10, 20, 9, 0, 0, 0, NY).toInstant());

        assertThat(step.place().callAt()).isEqualTo(ZonedDateTime.of(2026, 10, 31, 10, 0, 0, 0, NY).toInstant());
    }

    @Test
    void should_place_nothing_more_once_every_touchpoint_is_handled() {
        List<ProgramStep.Attempt> history = List.of(
                new ProgramStep.Attempt(0, 0, false, null, null, 1),
                new ProgramStep.Attempt(1, 0, true, at(17, 10, 1), Outcome.REACHED, 2),
                new ProgramStep.Attempt(2, 0, true, at(18, 8, 1), Outcome.UNREACHED, 3));

        ProgramStep.Step step = ProgramStep.next(context(THREE, List.of()), history, at(18, 8, 2));

        assertThat(step.place()).isNull();
        assertThat(step.skips()).isEmpty();
        assertThat(step.followupAt()).isNull();
    }
}
