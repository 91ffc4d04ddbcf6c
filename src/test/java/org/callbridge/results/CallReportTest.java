package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import org.callbridge.callsapi.model.Call;
import org.callbridge.json.Json;
import org.callbridge.outcome.Outcome;
import org.junit.jupiter.api.Test;

class CallReportTest {

    @Test
    void should_take_ids_status_and_end_from_the_call_and_the_rest_from_the_appointment() {
        CallReport report = Calls.report("{\"appointment_confirmed\": true}");

        assertThat(report.callId()).isEqualTo(Calls.CALL_ID);
        assertThat(report.status()).isEqualTo("completed");
        assertThat(report.endedAt()).isEqualTo(Instant.parse("2024-01-15T10:35:45Z"));
        assertThat(report.endedDate()).isEqualTo(LocalDate.parse("2024-01-15"));
        assertThat(report.source()).isEqualTo("hl7");
        assertThat(report.appointmentId()).isEqualTo("A-100");
        assertThat(report.mrn()).isEqualTo("MRN1");
        assertThat(report.mrnAuthority()).isEqualTo("HOSP");
        assertThat(report.patientId()).isEqualTo(Calls.PATIENT_ID);
        assertThat(report.durationSeconds()).isEqualTo(330L);
        assertThat(report.startedAt()).isEqualTo(Instant.parse("2024-01-15T10:30:15Z"));
    }

    @Test
    void should_render_the_call_as_returned_and_the_appointment() throws Exception {
        ObjectNode call = Calls.completed("{\"appointment_confirmed\": true}");

        JsonNode json = CallReport.of(call, Calls.appointment()).toJson();

        assertThat(json.get("call")).isEqualTo(call);
        assertThat(json.get("appointment")).isEqualTo(Calls.JSON.readTree("""
                {"source": "hl7", "appointment_id": "A-100", "mrn": "MRN1",
                 "start": "2024-01-16T10:30:00-05:00", "type": "General Check Up"}"""));
    }

    @Test
    void should_class_the_call_once_with_the_rules_it_is_built_with() {
        ObjectNode failed = Calls.completed("{\"appointment_confirmed\": true}");
        failed.put("status", "failed");

        assertThat(Calls.classified("{\"appointment_confirmed\": true}").outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(Calls.classified("{\"reschedule_requested\": true}").outcome()).isEqualTo(Outcome.RESCHEDULE_REQUESTED);
        assertThat(Calls.classified("{}").outcome()).isEqualTo(Outcome.REACHED);
        assertThat(Calls.classified("null").outcome()).isEqualTo(Outcome.REACHED);
        assertThat(CallReport.of(failed, null, Calls.RULES).outcome()).isEqualTo(Outcome.UNREACHED);
        assertThat(Calls.report("{\"appointment_confirmed\": true}").outcome()).isEqualTo(Outcome.REACHED);
        assertThat(Calls.classified("{\"appointment_confirmed\": true}").toString())
                .contains("outcome=confirmed").doesNotContain("John", "MRN1");
    }

    @Test
    void should_render_a_null_appointment_for_an_unlinked_call() {
        CallReport report = CallReport.of(Calls.completed("null"), null);

        assertThat(report.linked()).isFalse();
        assertThat(report.patientId()).isEqualTo(Calls.PATIENT_ID);
        assertThat(report.finalReport()).isNull();
        assertThat(report.toJson().get("appointment").isNull()).isTrue();
    }

    @Test
    void should_build_from_a_typed_call_with_its_raw_json() {
        ObjectNode raw = Calls.completed("{}");
        Call call = Json.mapper().convertValue(raw, Call.class).withRaw(raw);

        assertThat(CallReport.of(call, null).call()).isEqualTo(raw);
        assertThatThrownBy(() -> CallReport.of(call.withRaw(null), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_compute_the_duration_from_the_timestamps_when_the_api_gave_none() {
        ObjectNode call = Calls.completed("{}");
        call.putNull("duration");

        assertThat(CallReport.of(call, null).durationSeconds()).isEqualTo(330L);
    }

    @Test
    void should_refuse_a_call_that_has_not_ended() {
        ObjectNode call = Calls.completed("{}");
        call.putNull("ended_at");

        assertThatThrownBy(() -> CallReport.of(call, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Calls.CALL_ID);
    }

    @Test
    void should_not_show_phi_in_to_string() {
        String text = Calls.report("{\"note\": \"John Doe confirmed\"}").toString();

        assertThat(text).contains(Calls.CALL_ID, "completed", "A-100")
                .doesNotContain("John", "Doe", "+1555", "1990", "MRN1", "2024-01-16", "email");
    }
}
