package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.junit.jupiter.api.Test;

class PlannedPayloadsTest {
    private static final Instant T = Instant.parse("2030-03-13T10:00:00Z");
    private static final ZoneId FALLBACK = ZoneId.of("Europe/London");

    private static PlannedCall call(String zone, String extendedJson) {
        return new PlannedCall(1, "hl7|A1", 1, "agent", "patient", T, T, CallState.PENDING, null, null, null, null, null,
                zone, extendedJson, T, T);
    }

    @Test
    void the_zone_comes_from_the_column() {
        assertThat(PlannedPayloads.zone(call("America/Chicago", "{\"appointment\":{\"timezone\":\"Asia/Tokyo\"}}"),
                FALLBACK)).isEqualTo(ZoneId.of("America/Chicago"));
    }

    @Test
    void a_call_without_the_column_reads_its_zone_from_the_json() {
        assertThat(PlannedPayloads.zone(call(null, "{\"appointment\": {\"timezone\": \"Asia/Tokyo\"}}"), FALLBACK))
                .isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void no_readable_zone_gives_the_fallback() {
        assertThat(PlannedPayloads.zone(call(null, "{}"), FALLBACK)).isEqualTo(FALLBACK);
        assertThat(PlannedPayloads.zone(call(null, null), FALLBACK)).isEqualTo(FALLBACK);
        assertThat(PlannedPayloads.zone(call("Mars/Olympus", null), FALLBACK)).isEqualTo(FALLBACK);
    }
}
