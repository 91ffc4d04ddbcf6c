package org.callbridge.hl7;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SiuScheduleTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "30, null, PT30M", "30, MIN, PT30M", "30, min, PT30M", "30, M, PT30M", "45, minutes, PT45M",
            "1, H, PT1H", "1.5, HR, PT1H30M", "90, S, PT1M30S", "1, D, PT24H",
            "30, FORTNIGHTS, null", "abc, MIN, null", "0, MIN, null", "-5, MIN, null", "9999999, D, null", "null, MIN, null"})
    void should_read_sch_9_with_its_units_defaulting_to_minutes(String quantity, String units, String expected) {
        assertThat(SiuSchedule.amount(quantity, units)).isEqualTo(expected == null ? null : Duration.parse(expected));
    }
}
