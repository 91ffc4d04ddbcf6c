package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.CallPatient;
import org.callbridge.json.Json;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.PostedCall;
import org.junit.jupiter.api.Test;

/** Pairing a campaign's calls with the planned calls of the batch that created it. */
class CallMatcherTest {
    private static final Instant T = Instant.parse("2030-03-12T15:00:00Z");

    private static PlannedCall planned(long id, String patient, String appointmentId) {
        return new PlannedCall(id, "hl7|" + appointmentId, id, Clinic.AGENT, patient, T, T, CallState.SENDING, null, 1L,
                null, null, null, null, "{\"appointment\":{\"appointment_id\":\"" + appointmentId + "\"}}", T, T);
    }

    private static Call call(String id, String patient, Instant created, String echoedAppointment) {
        JsonNode raw = echoedAppointment == null ? null : Json.mapper().createObjectNode()
                .set("extended", Json.mapper().createObjectNode().set("appointment",
                        Json.mapper().createObjectNode().put("appointment_id", echoedAppointment)));
        return new Call(id, "queued", null, "outbound", created, null, null, null, null, Clinic.AGENT, null,
                new CallPatient(patient, null, null, null, null, null), null, raw);
    }

    @Test
    void calls_pair_with_planned_calls_by_patient_whatever_their_order() {
        CallMatcher.Match match = CallMatcher.match(
                List.of(planned(1, "p1", "A1"), planned(2, "p2", "A2")),
                List.of(call("c2", "p2", T, null), call("c1", "p1", T, null)));

        assertThat(match.posted()).containsExactly(new PostedCall(1, "c1", "queued"), new PostedCall(2, "c2", "queued"));
        assertThat(match.unmatched()).isEmpty();
        assertThat(match.extraCalls()).isZero();
    }

    @Test
    void a_patient_with_two_calls_pairs_by_the_echoed_appointment_id_else_by_creation_order() {
        CallMatcher.Match echoed = CallMatcher.match(
                List.of(planned(1, "p1", "A1"), planned(2, "p1", "A2")),
                List.of(call("first", "p1", T, "A2"), call("second", "p1", T.plusMillis(1), "A1")));
        CallMatcher.Match ordered = CallMatcher.match(
                List.of(planned(1, "p1", "A1"), planned(2, "p1", "A2")),
                List.of(call("second", "p1", T.plusMillis(1), null), call("first", "p1", T, null)));

        assertThat(echoed.posted()).extracting(PostedCall::callId).containsExactly("second", "first");
        assertThat(ordered.posted()).extracting(PostedCall::callId).containsExactly("first", "second");
    }

    @Test
    void planned_calls_without_a_call_and_calls_without_a_planned_call_are_reported() {
        CallMatcher.Match match = CallMatcher.match(
                List.of(planned(1, "p1", "A1"), planned(2, "p2", "A2")),
                List.of(call("c1", "p1", T, null), call("c3", "p3", T, null)));

        assertThat(match.posted()).extracting(PostedCall::plannedCallId).containsExactly(1L);
        assertThat(match.unmatched()).containsExactly(2L);
        assertThat(match.extraCalls()).isOne();
    }
}
