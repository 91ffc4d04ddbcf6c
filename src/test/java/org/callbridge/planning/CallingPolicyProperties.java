package org.callbridge.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import org.callbridge.appointment.EventKind;

/** Whatever the appointment, zone, settings and current time, a planned call keeps the calling rules. */
class CallingPolicyProperties {

    /** 2026-01-01 to 2027-12-31 in epoch minutes: two years of DST transitions. */
    private static final long FROM = 29_453_760L;
    private static final long TO = 30_503_520L;

    @Provide
    Arbitrary<Instant> instantsIn2026And2027() {
        return Arbitraries.longs().between(FROM, TO).withDistribution(RandomDistribution.uniform())
                .map(minute -> Instant.ofEpochSecond(minute * 60));
    }

    @Provide
    Arbitrary<Integer> upToThreeHours() {
        return minutes(0, 180);
    }

    @Provide
    Arbitrary<Integer> upToTwoDays() {
        return minutes(0, 48 * 60);
    }

    @Provide
    Arbitrary<Integer> upToFourDays() {
        return minutes(0, 4 * 24 * 60);
    }

    /** Window openings before 21:00, a third of them before 08:00. */
    @Provide
    Arbitrary<Integer> openings() {
        return minutes(0, 21 * 60 - 1);
    }

    @Provide
    Arbitrary<Integer> windowLengths() {
        return minutes(1, 24 * 60);
    }

    /** Mostly before the start, up to eight days; sometimes up to twelve hours after it. */
    @Provide
    Arbitrary<Integer> nowBeforeStart() {
        return minutes(-12 * 60, 8 * 24 * 60);
    }

    private static Arbitrary<Integer> minutes(int min, int max) {
        return Arbitraries.integers().between(min, max).withDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of("America/New_York", "America/Los_Angeles", "Pacific/Honolulu", "Europe/London",
                "Asia/Kolkata", "Australia/Lord_Howe").map(ZoneId::of);
    }

    @Provide
    Arbitrary<Set<DayOfWeek>> days() {
        return Arbitraries.of(DayOfWeek.class).set().ofMinSize(1);
    }

    @Property(tries = 3000)
    void a_reminder_starts_inside_the_window_after_now_and_before_the_minimum_lead(
            @ForAll("zones") ZoneId zone,
            @ForAll("instantsIn2026And2027") Instant startInstant,
            @ForAll("upToThreeHours") int minLeadMinutes,
            @ForAll("upToFourDays") int offsetBeyondLead,
            @ForAll("openings") int openMinute,
            @ForAll("windowLengths") int windowMinutes,
            @ForAll("days") Set<DayOfWeek> days,
            @ForAll("nowBeforeStart") int nowBeforeStart,
            @ForAll("upToTwoDays") int postAheadMinutes) {
        CallingWindow window = window(openMinute, windowMinutes, days);
        Duration minLead = Duration.ofMinutes(minLeadMinutes);
        Duration offset = minLead.plusMinutes(Math.max(1, offsetBeyondLead));
        Duration postAhead = Duration.ofMinutes(postAheadMinutes);
        CallingPolicy policy = new CallingPolicy(new PolicySettings(offset, minLead, window,
                new PatientZones(ZoneId.of("America/New_York"), Map.of()), postAhead, "agent", null));
        ZonedDateTime start = startInstant.atZone(zone);
        Instant now = start.toInstant().minus(Duration.ofMinutes(nowBeforeStart));

        Decision decision = policy.decide(Appointments.booked(start), now);
        Statistics.collect(decision instanceof Decision.Call c ? (c.dueNow() ? "due now" : "scheduled")
                : ((Decision.Skip) decision).reason());

        if (!start.toInstant().isAfter(now)) {
            assertThat(decision).isEqualTo(new Decision.Skip("appointment already started or past"));
            return;
        }
        // whole days of the offset are calendar days in the patient's zone
        Instant reminderTime = start.minusDays(offset.toDaysPart()).minus(offset.minusDays(offset.toDaysPart())).toInstant();
        Instant from = reminderTime.isAfter(now) ? reminderTime : now;
        if (decision instanceof Decision.Call call) {
            assertKeepsTheWindow(call, window, zone, now);
            assertThat(call.callAt()).isBeforeOrEqualTo(start.toInstant().minus(minLead));
            assertThat(firstAllowedMinute(from, call.callAt(), window, zone)).as("the earliest allowed minute")
                    .contains(call.callAt());
            assertThat(call.postNow()).isEqualTo(call.dueNow() || !call.callAt().isAfter(now.plus(postAhead)));
        } else {
            assertThat(decision).isEqualTo(new Decision.Skip("too late to remind"));
            assertThat(firstAllowedMinute(from, start.toInstant().minus(minLead), window, zone))
                    .as("no allowed minute before the minimum lead").isEmpty();
        }
    }

    @Property(tries = 1000)
    void a_no_show_follow_up_starts_inside_the_window_and_not_before_now(
            @ForAll("zones") ZoneId zone,
            @ForAll("instantsIn2026And2027") Instant now,
            @ForAll("openings") int openMinute,
            @ForAll("windowLengths") int windowMinutes,
            @ForAll("days") Set<DayOfWeek> days) {
        CallingWindow window = window(openMinute, windowMinutes, days);
        CallingPolicy policy = new CallingPolicy(new PolicySettings(Duration.ofDays(1), Duration.ofHours(1), window,
                new PatientZones(zone, Map.of()), Duration.ofHours(12), "agent", "noshow-agent"));

        Decision decision = policy.decide(Appointments.event(EventKind.NO_SHOW, now.minusSeconds(3600).atZone(zone),
                null, null), now);

        assertThat(decision).isInstanceOfSatisfying(Decision.Call.class, call -> {
            assertThat(call.agentId()).isEqualTo("noshow-agent");
            assertKeepsTheWindow(call, window, zone, now);
        });
    }

    /** Opens any time before 21:00 (so sometimes before 08:00) and closes after 08:00, sometimes after 21:00. */
    private static CallingWindow window(int openMinute, int windowMinutes, Set<DayOfWeek> days) {
        LocalTime open = LocalTime.MIN.plusMinutes(openMinute);
        int closeMinute = Math.min(Math.max(openMinute, 8 * 60) + windowMinutes, 24 * 60 - 1);
        return new CallingWindow(open, LocalTime.MIN.plusMinutes(closeMinute), days);
    }

    /** Scans minute by minute, independently of the policy's own search; every instant here is on a minute. */
    private static Optional<Instant> firstAllowedMinute(Instant from, Instant to, CallingWindow window, ZoneId zone) {
        for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(60)) {
            if (window.contains(t, zone)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private static void assertKeepsTheWindow(Decision.Call call, CallingWindow window, ZoneId zone, Instant now) {
        ZonedDateTime local = call.callAt().atZone(zone);
        assertThat(local.toLocalTime()).isBetween(CallingWindow.EARLIEST, CallingWindow.LATEST).isNotEqualTo(CallingWindow.LATEST);
        assertThat(local.toLocalTime()).isAfterOrEqualTo(window.open()).isBefore(window.close());
        assertThat(window.days()).contains(local.getDayOfWeek());
        if (call.dueNow()) {
            assertThat(call.callAt()).isEqualTo(now);
            assertThat(call.scheduledAt()).isNull();
        } else {
            assertThat(call.callAt()).isAfter(now);
        }
    }
}
