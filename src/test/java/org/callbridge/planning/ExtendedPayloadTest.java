package org.callbridge.planning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExtendedPayloadTest {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "{0} is spoken as \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "2025-08-22T10:30 | August 22, 2025 at 10:30 AM",
            "2025-08-23T14:30 | August 23, 2025 at 2:30 PM",
            "2026-08-02T09:05 | August 2, 2026 at 9:05 AM",
            "2026-12-02T12:00 | December 2, 2026 at 12:00 PM",
            "2026-01-01T00:15 | January 1, 2026 at 12:15 AM"})
    void should_speak_the_start_like_the_calls_api_example(String local, String spoken) {
        assertThat(ExtendedPayload.spoken(LocalDateTime.parse(local).atZone(NEW_YORK), NEW_YORK)).isEqualTo(spoken);
    }

    @Test
    void should_speak_the_start_in_the_patient_zone() {
        ZonedDateTime utc = Instant.parse("2026-08-02T13:05:00Z").atZone(ZoneId.of("UTC"));

        assertThat(ExtendedPayload.spoken(utc, NEW_YORK)).isEqualTo("August 2, 2026 at 9:05 AM");
    }

    @Test
    void should_carry_visit_type_start_provider_location_id_and_zone() throws Exception {
        AppointmentEvent e = Appointments.booked(LocalDateTime.parse("2025-08-22T10:30").atZone(NEW_YORK));

        JsonNode expected = new ObjectMapper().readTree("""
                {"appointment": {"name": "General Check Up", "start_time": "August 22, 2025 at 10:30 AM",
                 "provider": "Dr. Smith", "location": "Main Campus", "appointment_id": "A-100",
                 "timezone": "America/New_York"}}""");
        assertThat(ExtendedPayload.forEvent(e, NEW_YORK)).isEqualTo(expected);
    }

    @Test
    void should_leave_out_missing_values_and_call_an_untyped_visit_an_appointment() {
        AppointmentEvent e = new AppointmentEvent("csv:main", "f.csv:2", "csv:main", "A-7", EventKind.NEW, null, null, null,
                LocalDateTime.parse("2026-08-02T09:05").atZone(NEW_YORK), null, " ", null, "", null, null, "+15555551234");

        JsonNode appointment = ExtendedPayload.forEvent(e, NEW_YORK).get("appointment");

        assertThat(appointment.get("name").asText()).isEqualTo("appointment");
        assertThat(appointment.get("start_time").asText()).isEqualTo("August 2, 2026 at 9:05 AM");
        assertThat(appointment.has("provider")).isFalse();
        assertThat(appointment.has("location")).isFalse();
        assertThat(appointment.toString()).doesNotContain("null").doesNotContain("5555551234");
    }
}
