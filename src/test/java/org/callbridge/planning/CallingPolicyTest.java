package org.callbridge.planning;

import org.callbridge.config.Keys;
import org.callbridge.config.Configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.planning.Appointments.at;
import static org.callbridge.planning.Appointments.booked;
import static org.callbridge.planning.Appointments.event;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.callbridge.appointment.EventKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CallingPolicyTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final String AGENT = "5f0c1e2a-7b3d-4c8e-9a1f-000000000001";

    /** Defaults: P1D before, 09:00-19:00 MON-SAT New York, min-lead PT1H; post-ahead PT12H (the default is PT5M). */
    static CallingPolicy policy(String... overrides) {
        Map<String, String> props = new HashMap<>(Map.of(
                Keys.POST_AHEAD.key(), "PT12H",
                Keys.TIMEZONE.key(), "America/New_York",
                Keys.AGENT_ID.key(), AGENT,
                Keys.LOCATION_TIMEZONES.key(), "Maui Clinic=Pacific/Honolulu"));
        for (int i = 0; i < overrides.length; i += 2) {
            props.put(overrides[i], overrides[i + 1]);
        }
        return new CallingPolicy(Configuration.policy(props));
    }

    static ZonedDateTime ny(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(NEW_YORK);
    }

    static Instant nyInstant(String localDateTime) {
        return ny(localDateTime).toInstant();
    }

    static Decision.Call scheduled(String nyLocal, boolean postNow) {
        return new Decision.Call(nyInstant(nyLocal), false, postNow, CallFlow.REMINDER, AGENT);
    }

    @Nested
    class Offsets {
        @Test
        void should_call_one_day_before_at_the_same_time_when_offset_is_P1D() {
            Decision d = policy().decide(booked(ny("2026-12-03T14:00")), nyInstant("2026-12-01T10:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-02T14:00", false));
        }

        @Test
        void should_call_two_hours_before_when_offset_is_PT2H() {
            Decision d = policy(Keys.REMINDER_OFFSET.key(), "PT2H")
                    .decide(booked(ny("2026-12-02T14:00")), nyInstant("2026-12-02T06:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-02T12:00", true));
            assertThat(((Decision.Call) d).scheduledAt()).isEqualTo(nyInstant("2026-12-02T12:00"));
        }

        @Test
        void should_use_the_clock_when_no_instant_is_given() {
            Clock clock = Clock.fixed(nyInstant("2026-12-01T10:00"), ZoneOffset.UTC);
            CallingPolicy withClock = new CallingPolicy(Configuration.policy(
                    Map.of(Keys.TIMEZONE.key(), "America/New_York", Keys.AGENT_ID.key(), AGENT)), clock);

            assertThat(withClock.decide(booked(ny("2026-12-03T14:00")))).isEqualTo(scheduled("2026-12-02T14:00", false));
        }
    }

    @Nested
    class Window {
        @Test
        void should_move_a_call_before_opening_to_the_opening_of_the_same_day() {
            Decision d = policy(Keys.REMINDER_OFFSET.key(), "PT2H")
                    .decide(booked(ny("2026-12-02T10:00")), nyInstant("2026-12-01T10:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-02T09:00", false));
        }

        @Test
        void should_move_a_call_after_closing_to_the_next_day_opening() {
            Decision d = policy().decide(booked(ny("2026-12-03T20:00")), nyInstant("2026-12-01T10:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-03T09:00", false));
        }

        @Test
        void should_allow_a_call_in_the_last_minute_and_not_at_the_closing_time() {
            CallingPolicy p = policy();
            Instant now = nyInstant("2026-12-01T10:00");

            assertThat(p.decide(booked(ny("2026-12-03T18:59")), now)).isEqualTo(scheduled("2026-12-02T18:59", false));
            assertThat(p.decide(booked(ny("2026-12-03T19:00")), now)).isEqualTo(scheduled("2026-12-03T09:00", false));
        }

        @Test
        void should_move_a_call_on_a_sunday_to_monday_opening() {
            Decision d = policy().decide(booked(ny("2026-12-07T10:00")), nyInstant("2026-12-04T12:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-07T09:00", false));
        }

        @Test
        void should_move_a_call_on_a_day_missing_from_a_list_to_the_next_listed_day() {
            Decision d = policy(Keys.CALLING_DAYS.key(), "MON,WED,FRI")
                    .decide(booked(ny("2026-12-02T15:00")), nyInstant("2026-11-30T10:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-02T09:00", false));
        }

        @Test
        void should_move_a_saturday_call_to_monday_when_days_are_MON_FRI() {
            Decision d = policy(Keys.CALLING_DAYS.key(), "MON-FRI", Keys.REMINDER_OFFSET.key(), "P2D")
                    .decide(booked(ny("2026-12-07T12:00")), nyInstant("2026-12-03T10:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-07T09:00", false));
        }

        @Test
        void should_clamp_a_window_of_07_to_22_to_tcpa_hours_08_to_21() {
            CallingPolicy p = policy(Keys.CALLING_WINDOW.key(), "07:00-22:00");
            Instant now = nyInstant("2026-12-01T10:00");

            assertThat(p.decide(booked(ny("2026-12-03T07:30")), now)).isEqualTo(scheduled("2026-12-02T08:00", false));
            assertThat(p.decide(booked(ny("2026-12-03T20:59")), now)).isEqualTo(scheduled("2026-12-02T20:59", false));
            assertThat(p.decide(booked(ny("2026-12-03T21:00")), now)).isEqualTo(scheduled("2026-12-03T08:00", false));
        }
    }

    @Nested
    class TooLateAndPast {
        @Test
        void should_skip_when_the_moved_call_would_start_less_than_min_lead_before_the_appointment() {
            Decision d = policy().decide(booked(ny("2026-12-07T09:30")), nyInstant("2026-12-04T12:00"));

            assertThat(d).isEqualTo(new Decision.Skip("too late to remind"));
        }

        @Test
        void should_call_when_the_moved_call_starts_exactly_min_lead_before() {
            Decision d = policy().decide(booked(ny("2026-12-07T10:00")), nyInstant("2026-12-04T12:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-07T09:00", false));
        }

        @ParameterizedTest(name = "now {0}")
        @ValueSource(strings = {"2026-12-02T10:00", "2026-12-02T11:00", "2026-12-05T10:00"})
        void should_skip_an_appointment_that_has_started_or_passed(String now) {
            Decision d = policy().decide(booked(ny("2026-12-02T10:00")), nyInstant(now));

            assertThat(d).isEqualTo(new Decision.Skip("appointment already started or past"));
        }

        @Test
        void should_skip_an_appointment_without_start_time() {
            Decision d = policy().decide(booked(null), nyInstant("2026-12-02T10:00"));

            assertThat(d).isInstanceOf(Decision.Skip.class);
        }
    }

    @Nested
    class ReminderTimeAlreadyPassed {
        @Test
        void should_call_now_without_scheduled_time_when_now_is_inside_the_window() {
            Instant now = nyInstant("2026-12-02T10:00");
            Decision d = policy().decide(booked(ny("2026-12-02T18:00")), now);

            assertThat(d).isEqualTo(new Decision.Call(now, true, true, CallFlow.REMINDER, AGENT));
            assertThat(((Decision.Call) d).scheduledAt()).isNull();
        }

        @Test
        void should_call_now_when_the_appointment_is_exactly_min_lead_away() {
            Instant now = nyInstant("2026-12-02T10:00");

            assertThat(policy().decide(booked(ny("2026-12-02T11:00")), now))
                    .isEqualTo(new Decision.Call(now, true, true, CallFlow.REMINDER, AGENT));
            assertThat(policy().decide(booked(ny("2026-12-02T10:59")), now))
                    .isEqualTo(new Decision.Skip("too late to remind"));
        }

        @Test
        void should_wait_for_the_next_opening_when_now_is_outside_the_window() {
            Decision d = policy().decide(booked(ny("2026-12-02T18:00")), nyInstant("2026-12-02T06:00"));

            assertThat(d).isEqualTo(scheduled("2026-12-02T09:00", true));
        }

        @Test
        void should_skip_when_now_is_outside_the_window_and_the_next_opening_is_too_late() {
            Decision d = policy().decide(booked(ny("2026-12-03T09:30")), nyInstant("2026-12-02T20:00"));

            assertThat(d).isEqualTo(new Decision.Skip("too late to remind"));
        }
    }

    @Nested
    class PostAhead {
        @Test
        void should_post_a_call_exactly_post_ahead_away_and_keep_one_a_minute_later() {
            Instant now = nyInstant("2026-12-02T02:00");

            assertThat(policy().decide(booked(ny("2026-12-03T14:00")), now)).isEqualTo(scheduled("2026-12-02T14:00", true));
            assertThat(policy().decide(booked(ny("2026-12-03T14:01")), now)).isEqualTo(scheduled("2026-12-02T14:01", false));
        }
    }

    @Nested
    class TimeZones {
        @Test
        void should_use_the_appointment_zone_when_it_has_one() {
            ZonedDateTime start = LocalDateTime.parse("2026-12-03T08:00").atZone(ZoneId.of("America/Los_Angeles"));
            Decision d = policy().decide(at(start, "Main Campus"), nyInstant("2026-12-01T10:00"));

            // 08:00 in Los Angeles is 11:00 in New York, inside a New York window: the patient's zone must win
            Instant expected = LocalDateTime.parse("2026-12-02T09:00").atZone(ZoneId.of("America/Los_Angeles")).toInstant();
            assertThat(((Decision.Call) d).callAt()).isEqualTo(expected);
        }

        @Test
        void should_use_the_location_zone_when_the_start_has_only_an_offset() {
            ZonedDateTime start = ZonedDateTime.of(LocalDateTime.parse("2026-12-03T08:30"), ZoneOffset.ofHours(-10));
            Decision d = policy().decide(at(start, " maui clinic "), nyInstant("2026-12-01T10:00"));

            Instant expected = LocalDateTime.parse("2026-12-02T09:00").atZone(ZoneId.of("Pacific/Honolulu")).toInstant();
            assertThat(((Decision.Call) d).callAt()).isEqualTo(expected);
            assertThat(policy().zoneOf(at(start, "Maui Clinic"))).isEqualTo(ZoneId.of("Pacific/Honolulu"));
        }

        @Test
        void should_use_the_default_zone_for_a_utc_start_at_an_unknown_location() {
            ZonedDateTime start = ZonedDateTime.parse("2026-12-03T13:00:00Z");
            Decision d = policy().decide(at(start, "Elsewhere"), nyInstant("2026-12-01T10:00"));

            // 13:00Z is 08:00 in New York: a UTC window would have kept it
            assertThat(((Decision.Call) d).callAt()).isEqualTo(nyInstant("2026-12-02T09:00"));
            assertThat(policy().zoneOf(at(start, null))).isEqualTo(NEW_YORK);
        }

        @Test
        void should_use_the_default_zone_for_a_start_in_the_utc_region() {
            ZonedDateTime start = LocalDateTime.parse("2026-12-03T13:00").atZone(ZoneId.of("UTC"));

            assertThat(policy().zoneOf(at(start, "Elsewhere"))).isEqualTo(NEW_YORK);
        }

        @Test
        void should_keep_an_offset_that_contradicts_the_default_zone() {
            ZonedDateTime start = ZonedDateTime.of(LocalDateTime.parse("2026-12-03T08:00"), ZoneOffset.ofHours(-8));
            Decision d = policy().decide(at(start, null), nyInstant("2026-12-01T10:00"));

            assertThat(policy().zoneOf(at(start, null))).isEqualTo(ZoneOffset.ofHours(-8));
            assertThat(((Decision.Call) d).callAt()).isEqualTo(Instant.parse("2026-12-02T17:00:00Z"));
        }
    }

    @Nested
    class DaylightSaving {
        final CallingPolicy everyDay = policy(Keys.CALLING_DAYS.key(), "MON-SUN");

        @Test
        void should_keep_the_wall_clock_time_for_P1D_across_spring_forward() {
            Decision d = everyDay.decide(booked(ny("2026-03-08T12:00")), nyInstant("2026-03-06T12:00"));

            assertThat(((Decision.Call) d).callAt()).isEqualTo(Instant.parse("2026-03-07T17:00:00Z"));
        }

        @Test
        void should_move_a_reminder_landing_at_0230_on_spring_forward_day_to_the_opening() {
            Decision d = everyDay.decide(booked(ny("2026-03-09T02:30")), nyInstant("2026-03-07T12:00"));

            assertThat(((Decision.Call) d).callAt()).isEqualTo(Instant.parse("2026-03-08T13:00:00Z"));
        }

        @Test
        void should_open_at_nine_daylight_time_on_spring_forward_day() {
            // at 01:00 EST the reminder time has passed; the window opens at 09:00 EDT, 13:00Z not 14:00Z
            Decision d = everyDay.decide(booked(ny("2026-03-08T10:30")), Instant.parse("2026-03-08T06:00:00Z"));

            assertThat(d).isEqualTo(new Decision.Call(Instant.parse("2026-03-08T13:00:00Z"), false, true, CallFlow.REMINDER, AGENT));
        }

        @Test
        void should_clamp_a_0200_opening_to_0800_daylight_time_on_spring_forward_day() {
            Decision d = policy(Keys.CALLING_DAYS.key(), "MON-SUN", Keys.CALLING_WINDOW.key(), "02:00-12:00",
                    Keys.REMINDER_OFFSET.key(), "PT10H")
                    .decide(booked(ny("2026-03-08T11:00")), Instant.parse("2026-03-08T06:30:00Z"));

            assertThat(((Decision.Call) d).callAt()).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
        }

        @Test
        void should_keep_the_wall_clock_time_for_P1D_across_fall_back() {
            Decision d = everyDay.decide(booked(ny("2026-11-01T12:00")), nyInstant("2026-10-30T12:00"));

            assertThat(((Decision.Call) d).callAt()).isEqualTo(Instant.parse("2026-10-31T16:00:00Z"));
        }

        @Test
        void should_move_a_reminder_landing_in_the_repeated_hour_to_nine_standard_time() {
            Decision d = everyDay.decide(booked(ny("2026-11-02T01:30")), nyInstant("2026-10-30T12:00"));

            assertThat(((Decision.Call) d).callAt()).isEqualTo(Instant.parse("2026-11-01T14:00:00Z"));
        }

        @Test
        void should_wait_from_the_repeated_hour_to_nine_standard_time() {
            Decision d = policy(Keys.CALLING_DAYS.key(), "MON-SUN", Keys.REMINDER_OFFSET.key(), "PT12H")
                    .decide(booked(ny("2026-11-01T15:00")), Instant.parse("2026-11-01T05:30:00Z"));

            assertThat(d).isEqualTo(new Decision.Call(Instant.parse("2026-11-01T14:00:00Z"), false, true, CallFlow.REMINDER, AGENT));
        }
    }

    @Nested
    class NoShow {
        @Test
        void should_not_call_after_a_no_show_without_a_no_show_agent() {
            Decision d = policy().decide(event(EventKind.NO_SHOW, ny("2026-12-02T09:00"), null, null), nyInstant("2026-12-02T10:00"));

            assertThat(d).isEqualTo(new Decision.Skip("no-show: no reminder"));
        }

        @Test
        void should_call_now_with_the_no_show_agent_inside_the_window() {
            Instant now = nyInstant("2026-12-02T10:00");
            Decision d = policy(Keys.NOSHOW_AGENT_ID.key(), "5f0c1e2a-7b3d-4c8e-9a1f-000000000002")
                    .decide(event(EventKind.NO_SHOW, ny("2026-12-02T09:00"), null, "No Show"), now);

            assertThat(d).isEqualTo(new Decision.Call(now, true, true, CallFlow.NO_SHOW, "5f0c1e2a-7b3d-4c8e-9a1f-000000000002"));
        }

        @Test
        void should_follow_up_at_the_next_opening_when_the_no_show_arrives_in_the_evening() {
            Decision d = policy(Keys.NOSHOW_AGENT_ID.key(), "5f0c1e2a-7b3d-4c8e-9a1f-000000000002")
                    .decide(event(EventKind.NO_SHOW, ny("2026-12-02T17:00"), null, null), nyInstant("2026-12-02T20:30"));

            assertThat(d).isEqualTo(new Decision.Call(nyInstant("2026-12-03T09:00"), false, false, CallFlow.NO_SHOW, "5f0c1e2a-7b3d-4c8e-9a1f-000000000002"));
        }
    }

    @Nested
    class Withdrawals {
        final Instant now = nyInstant("2026-12-01T10:00");

        @Test
        void should_withdraw_on_cancel_and_delete_even_without_start() {
            assertThat(policy().decide(event(EventKind.CANCEL, null, null, null), now))
                    .isEqualTo(new Decision.Withdraw("appointment cancelled"));
            assertThat(policy().decide(event(EventKind.DELETE, ny("2026-12-03T14:00"), null, null), now))
                    .isEqualTo(new Decision.Withdraw("appointment deleted"));
        }

        @ParameterizedTest(name = "status \"{0}\"")
        @ValueSource(strings = {"Cancelled", "CANCELED", "deleted", "No Show", "noshow", "No-Show", " cancelled "})
        void should_withdraw_a_modify_whose_status_means_cancelled(String status) {
            var e = event(EventKind.MODIFY, ny("2026-12-03T14:00"), null, status);

            assertThat(policy().isWithdrawal(e)).isTrue();
            assertThat(policy().decide(e, now)).isInstanceOf(Decision.Withdraw.class);
        }

        @ParameterizedTest(name = "status \"{0}\"")
        @ValueSource(strings = {"Booked", "Confirmed", "ARRIVED", "Scheduled"})
        void should_plan_a_modify_whose_status_is_not_a_cancellation(String status) {
            var e = event(EventKind.MODIFY, ny("2026-12-03T14:00"), null, status);

            assertThat(policy().isWithdrawal(e)).isFalse();
            assertThat(policy().decide(e, now)).isEqualTo(scheduled("2026-12-02T14:00", false));
        }

        @ParameterizedTest
        @EnumSource(value = EventKind.class, names = {"NEW", "RESCHEDULE", "MODIFY"})
        void should_plan_new_reschedule_and_modify_events(EventKind kind) {
            assertThat(policy().decide(event(kind, ny("2026-12-03T14:00"), null, null), now))
                    .isEqualTo(scheduled("2026-12-02T14:00", false));
        }

        @Test
        void should_not_count_a_no_show_event_as_a_withdrawal() {
            assertThat(policy().isWithdrawal(event(EventKind.NO_SHOW, ny("2026-12-02T09:00"), null, "No Show"))).isFalse();
        }
    }
}
