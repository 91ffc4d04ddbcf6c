package org.callbridge.hl7;

import org.callbridge.appointment.RejectedInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** HL7 date-times and the zone rule shared with the CSV reader. */
class Hl7DateTimesTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest
    @CsvSource({
            "202612021030, 2026-12-02T10:30",
            "20261202103000, 2026-12-02T10:30",
            "20261202103045, 2026-12-02T10:30:45",
            "20261202103045.5, 2026-12-02T10:30:45.5",
            "20261202103045.1234, 2026-12-02T10:30:45.1234"})
    void should_read_a_local_time_in_the_default_zone_without_a_location_zone(String value, String local) {
        ZonedDateTime start = Hl7DateTimes.parse(value, "TQ1-7", null, CHICAGO);

        assertThat(start).isEqualTo(LocalDateTime.parse(local).atZone(CHICAGO));
    }

    @Test
    void should_read_a_local_time_in_the_location_zone_when_one_is_configured() {
        assertThat(Hl7DateTimes.parse("20261202103000", "TQ1-7", NEW_YORK, CHICAGO))
                .isEqualTo(ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, NEW_YORK));
    }

    @Test
    void should_express_a_time_with_offset_in_the_location_zone_keeping_the_instant() {
        ZonedDateTime start = Hl7DateTimes.parse("20261202103000-0600", "TQ1-7", NEW_YORK, CHICAGO);

        assertThat(start.toInstant()).isEqualTo(Instant.parse("2026-12-02T16:30:00Z"));
        assertThat(start.getZone()).isEqualTo(NEW_YORK);
        assertThat(start.getHour()).isEqualTo(11);
    }

    @Test
    void should_express_a_time_with_offset_in_the_default_zone_when_the_default_zone_agrees() {
        ZonedDateTime winter = Hl7DateTimes.parse("20261202103000-0600", "TQ1-7", null, CHICAGO);
        ZonedDateTime summer = Hl7DateTimes.parse("20270602103000-0500", "TQ1-7", null, CHICAGO);

        assertThat(winter).isEqualTo(ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, CHICAGO));
        assertThat(summer).isEqualTo(ZonedDateTime.of(2027, 6, 2, 10, 30, 0, 0, CHICAGO));
    }

    @Test
    void should_keep_the_bare_offset_when_the_default_zone_disagrees_with_it() {
        ZonedDateTime start = Hl7DateTimes.parse("20261202103000.0000+0100", "TQ1-7", null, CHICAGO);

        assertThat(start.getZone()).isEqualTo(ZoneOffset.ofHours(1));
        assertThat(start.toInstant()).isEqualTo(Instant.parse("2026-12-02T09:30:00Z"));
    }

    @Test
    void should_move_a_local_time_in_a_spring_forward_gap_to_the_later_offset() {
        ZonedDateTime start = Hl7DateTimes.parse("20270314023000", "TQ1-7", null, CHICAGO);

        assertThat(start.toLocalTime()).hasToString("03:30");
    }

    @Test
    void should_reject_naming_the_field_it_was_given() {
        assertThatThrownBy(() -> Hl7DateTimes.parse("20261232103000", "SCH-11.4", null, CHICAGO))
                .isInstanceOf(RejectedInputException.class)
                .hasMessageStartingWith("SCH-11.4: ");
    }
}
