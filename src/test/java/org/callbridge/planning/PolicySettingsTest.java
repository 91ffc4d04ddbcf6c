package org.callbridge.planning;

import org.callbridge.config.Keys;
import org.callbridge.config.Configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicySettingsTest {

    private static PolicySettings settings(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return Configuration.policy(props);
    }

    @Test
    void should_use_documented_defaults_when_keys_are_missing() {
        PolicySettings s = settings();

        assertThat(s.offset()).isEqualTo(Duration.ofDays(1));
        assertThat(s.minLead()).isEqualTo(Duration.ofHours(1));
        assertThat(s.window().open()).isEqualTo(LocalTime.of(9, 0));
        assertThat(s.window().close()).isEqualTo(LocalTime.of(19, 0));
        assertThat(s.window().days()).isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY));
        // posted close to its time: a cancel before then is honoured without asking the Calls API
        assertThat(s.postAhead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.zones().defaultZone()).isEqualTo(ZoneId.systemDefault());
        assertThat(s.agentId()).isNull();
        assertThat(s.noShowAgentId()).isNull();
        assertThat(s.offsets()).containsExactly(Duration.ofDays(1));
        assertThat(s.retryUnreached()).isEmpty();
        assertThat(s.caps()).isEqualTo(new ContactCaps(1, 3));
    }

    @Test
    void should_read_the_reminder_program_keys() {
        PolicySettings s = settings(Keys.REMINDER_OFFSETS.key(), "P7D, P1D,PT2H", Keys.RETRY_UNREACHED.key(), "PT1H,PT3H",
                Keys.CAPS_PER_DAY.key(), "0", Keys.CAPS_PER_WEEK.key(), "5");

        assertThat(s.offsets()).containsExactly(Duration.ofDays(7), Duration.ofDays(1), Duration.ofHours(2));
        assertThat(s.retryUnreached()).containsExactly(Duration.ofHours(1), Duration.ofHours(3));
        assertThat(s.caps()).isEqualTo(new ContactCaps(0, 5));
    }

    @Test
    void should_read_every_key() {
        PolicySettings s = settings(
                Keys.REMINDER_OFFSET.key(), "PT2H", Keys.REMINDER_MIN_LEAD.key(), "PT30M",
                Keys.CALLING_WINDOW.key(), "10:00-18:30", Keys.CALLING_DAYS.key(), "MON,WED,FRI",
                Keys.TIMEZONE.key(), "America/Chicago",
                Keys.LOCATION_TIMEZONES.key(), "Maui Clinic=Pacific/Honolulu; West=America/Los_Angeles",
                Keys.POST_AHEAD.key(), "PT6H", Keys.AGENT_ID.key(), " 5f0c1e2a-7b3d-4c8e-9a1f-000000000001 ",
                Keys.NOSHOW_AGENT_ID.key(), "5f0c1e2a-7b3d-4c8e-9a1f-000000000002");

        assertThat(s.offset()).isEqualTo(Duration.ofHours(2));
        assertThat(s.minLead()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.window().open()).isEqualTo(LocalTime.of(10, 0));
        assertThat(s.window().close()).isEqualTo(LocalTime.of(18, 30));
        assertThat(s.window().days()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
        assertThat(s.zones().defaultZone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(s.zones().zoneFor(null, "maui clinic")).isEqualTo(ZoneId.of("Pacific/Honolulu"));
        assertThat(s.zones().zoneFor(null, "West")).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(s.postAhead()).isEqualTo(Duration.ofHours(6));
        assertThat(s.agentId()).isEqualTo("5f0c1e2a-7b3d-4c8e-9a1f-000000000001");
        assertThat(s.noShowAgentId()).isEqualTo("5f0c1e2a-7b3d-4c8e-9a1f-000000000002");
    }

    @Test
    void should_treat_a_blank_no_show_agent_as_no_follow_up() {
        assertThat(settings(Keys.NOSHOW_AGENT_ID.key(), "  ").noShowAgentId()).isNull();
    }

    @Test
    void should_clamp_a_window_wider_than_tcpa_hours_to_eight_to_nine() {
        CallingWindow w = settings(Keys.CALLING_WINDOW.key(), "07:00-22:00").window();

        assertThat(w.open()).isEqualTo(LocalTime.of(8, 0));
        assertThat(w.close()).isEqualTo(LocalTime.of(21, 0));
    }

    @ParameterizedTest(name = "{0} means {1}")
    @CsvSource(delimiter = '|', value = {
            "MON-FRI        | MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY",
            "mon,tue,wed    | MONDAY TUESDAY WEDNESDAY",
            "MON-FRI,SUN    | MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SUNDAY",
            "FRI-MON        | FRIDAY SATURDAY SUNDAY MONDAY",
            "Saturday       | SATURDAY",
            "MON-SUN        | MONDAY TUESDAY WEDNESDAY THURSDAY FRIDAY SATURDAY SUNDAY"})
    void should_parse_day_lists_and_ranges(String text, String expected) {
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String d : expected.split(" ")) {
            days.add(DayOfWeek.valueOf(d));
        }
        assertThat(CallingDays.parse(Keys.CALLING_DAYS.key(), text)).isEqualTo(days);
    }

    @ParameterizedTest(name = "{0}={1} is rejected")
    @CsvSource(delimiter = '|', value = {
            "callbridge.reminder.offset     | 1 day",
            "callbridge.reminder.offset     | PT0S",
            "callbridge.reminder.offset     | PT30M",
            "callbridge.reminder.min-lead   | -PT1H",
            "callbridge.calling-window      | 9-17",
            "callbridge.calling-window      | 09:00-25:00",
            "callbridge.calling-window      | 18:00-09:00",
            "callbridge.calling-window      | 21:00-23:00",
            "callbridge.calling-days        | MO-FR",
            "callbridge.calling-days        | MON-FRI-SAT",
            "callbridge.timezone            | Mars/Olympus",
            "callbridge.location-timezones  | Maui Clinic",
            "callbridge.location-timezones  | Maui=Hawaii/Maui",
            "callbridge.post-ahead          | -PT1H",
            "callbridge.reminder.offsets    | P1D,tomorrow",
            "callbridge.reminder.offsets    | P1D,P1D",
            "callbridge.reminder.offsets    | P1D,PT30M",
            "callbridge.retry.unreached     | PT0S",
            "callbridge.caps.per-day        | -1",
            "callbridge.caps.per-week       | many"})
    void should_reject_bad_values_with_a_one_line_message_naming_the_key(String key, String value) {
        assertThatThrownBy(() -> settings(key, value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(key)
                .hasMessageNotContaining("\n");
    }
}
