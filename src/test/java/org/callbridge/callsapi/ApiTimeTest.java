package org.callbridge.callsapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ApiTimeTest {

    @Test
    void should_format_scheduled_at_as_utc_with_milliseconds() {
        Instant nineInNewYork = LocalDateTime.parse("2026-12-02T09:00").atZone(ZoneId.of("America/New_York")).toInstant();

        assertThat(ApiTime.format(nineInNewYork)).isEqualTo("2026-12-02T14:00:00.000Z");
        assertThat(ApiTime.format(Instant.parse("2026-12-02T14:00:00.123456Z"))).isEqualTo("2026-12-02T14:00:00.123Z");
    }

    @Test
    void should_leave_scheduled_at_out_for_calls_due_now() {
        assertThat(ApiTime.format(null)).isNull();
    }
}
