package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.simulator.Envelopes.assertEnvelope;
import static org.callbridge.simulator.TestFixtures.AGENT_A;
import static org.callbridge.simulator.TestFixtures.AGENT_B;
import static org.callbridge.simulator.TestFixtures.ANN_OF_B;
import static org.callbridge.simulator.TestFixtures.BLANK_PHONE;
import static org.callbridge.simulator.TestFixtures.JANE;
import static org.callbridge.simulator.TestFixtures.JOHN;
import static org.callbridge.simulator.TestFixtures.NO_PHONE;
import static org.callbridge.simulator.TestFixtures.SAM;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CreateCallsTest extends SimulatorTestSupport {

    private static final String UUID_FORMAT = "UUID v4 (e.g., \"22222222-2222-2222-2222-222222222222\")";

    @BeforeEach
    void startSimulator() {
        startDefault();
    }

    @Test
    void should_create_a_batch_and_initiate_every_call_in_demo_mode() throws Exception {
        ObjectNode request = batch(AGENT_A, JOHN, JANE);
        request.put("recording", true).put("reason", "reminder").put("name", "Reminders 08:00");

        ApiClient.Response response = clinicA.post("/api/v1/calls", request.toString());

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("success").asBoolean()).isTrue();
        assertThat(body.get("batchId").asText()).matches("[0-9a-f-]{36}");
        assertThat(body.get("totalQueued").asInt()).isZero();
        assertThat(body.get("totalInitiated").asInt()).isEqualTo(2);
        assertThat(body.get("message").asText()).isEqualTo("Batch created and initiated 2 calls");
        assertThat(body.get("payload")).isEqualTo(request);
        assertThat(body.get("calls")).hasSize(2).allSatisfy(call -> {
            assertThat(call.get("status").asText()).isEqualTo("initiating");
            assertThat(call.get("roomName").asText()).isEqualTo("outbound-" + call.get("callId").asText());
        });
        assertThat(callIds(body)).doesNotHaveDuplicates();
    }

    @Test
    void should_record_one_campaign_per_post_with_its_name_agent_and_calls() {
        ObjectNode request = batch(AGENT_A, JOHN, JANE, SAM).put("name", "agent-a 2025-08-22T10:00");

        JsonNode created = clinicA.post("/api/v1/calls", request.toString()).body();
        postBatchA(JOHN);

        assertThat(simulator.campaigns()).hasSize(2);
        SimulatedCampaign campaign = simulator.campaigns().stream()
                .filter(c -> c.id().equals(created.get("batchId").asText())).findFirst().orElseThrow();
        assertThat(campaign.organization()).isEqualTo("Clinic A");
        assertThat(campaign.name()).isEqualTo("agent-a 2025-08-22T10:00");
        assertThat(campaign.agentId()).isEqualTo(AGENT_A);
        assertThat(campaign.callIds()).containsExactlyElementsOf(callIds(created));
        assertThat(simulator.calls()).filteredOn(c -> c.batchId().equals(campaign.id()))
                .extracting(SimulatedCall::patientId).containsExactly(JOHN, JANE, SAM);
    }

    @Test
    void should_keep_each_patients_extended_metadata_with_its_call() throws Exception {
        ObjectNode request = batch(AGENT_A, JOHN, JANE);
        ObjectNode appointment = ((ObjectNode) request.get("patients").get(0)).putObject("extended")
                .putObject("appointment");
        appointment.put("name", "General Check Up").put("start_time", "August 22, 2025 at 10:30 AM");

        JsonNode created = clinicA.post("/api/v1/calls", request.toString()).body();

        String johnsCall = callIds(created).get(0);
        SimulatedCall call = simulator.calls().stream().filter(c -> c.callId().equals(johnsCall)).findFirst().orElseThrow();
        assertThat(call.extended().at("/appointment/start_time").asText()).isEqualTo("August 22, 2025 at 10:30 AM");
        assertThat(simulator.calls().get(1).extended()).isNull();
    }

    @Test
    void should_reject_a_patient_id_that_is_not_a_uuid_in_the_documented_shape() throws Exception {
        String request = "{\"agentId\":\"" + AGENT_A + "\",\"patients\":[{\"patientId\":\"22-2222-2222-2222-22-222222-2222\"}]}";

        ApiClient.Response response = clinicA.post("/api/v1/calls", request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(ApiClient.JSON.readTree("""
                {"statusCode": 400, "message": "Validation failed for one or more patients",
                 "errors": [{"index": 0, "patientId": "22-2222-2222-2222-22-222222-2222",
                             "failedObject": {"patientId": "22-2222-2222-2222-22-222222-2222"},
                             "errors": [{"field": "patientId", "message": "patientId must be a valid UUID",
                                         "expectedFormat": %s,
                                         "receivedValue": "22-2222-2222-2222-22-222222-2222"}]}]}
                """.formatted(ApiClient.JSON.writeValueAsString(UUID_FORMAT))));
    }

    @Test
    void should_reject_extended_metadata_that_is_not_an_object() {
        ObjectNode request = batch(AGENT_A, JOHN);
        ((ObjectNode) request.get("patients").get(0)).put("extended", "appointment at 10:30");

        ApiClient.Response response = clinicA.post("/api/v1/calls", request.toString());

        assertThat(response.status()).isEqualTo(400);
        JsonNode failure = response.body().get("errors").get(0);
        assertThat(failure.get("index").asInt()).isZero();
        assertThat(failure.get("patientId").asText()).isEqualTo(JOHN);
        assertThat(failure.get("errors").get(0).get("field").asText()).isEqualTo("extended");
        assertThat(failure.get("errors").get(0).get("message").asText()).isEqualTo("extended must be an object");
        assertThat(failure.get("errors").get(0).get("receivedValue").asText()).isEqualTo("appointment at 10:30");
    }

    @Test
    void should_reject_a_patient_of_another_organization_as_not_found() {
        ApiClient.Response response = clinicA.post("/api/v1/calls", batch(AGENT_A, JOHN, ANN_OF_B).toString());

        assertThat(response.status()).isEqualTo(400);
        JsonNode failure = response.body().get("errors").get(0);
        assertThat(failure.get("index").asInt()).isEqualTo(1);
        assertThat(failure.get("patientId").asText()).isEqualTo(ANN_OF_B);
        assertThat(failure.get("errors").get(0).get("field").asText()).isEqualTo("patientId");
        assertThat(failure.get("errors").get(0).get("message").asText()).isEqualTo("Patient not found");
        assertThat(simulator.calls()).isEmpty();
    }

    @Test
    void should_report_every_failing_patient_index_not_only_the_first() {
        ObjectNode request = batch(AGENT_A, "not-a-uuid", JOHN, "99999999-9999-4999-8999-999999999999", JANE);
        ((ObjectNode) request.get("patients").get(3)).putArray("extended");

        ApiClient.Response response = clinicA.post("/api/v1/calls", request.toString());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("message").asText()).isEqualTo("Validation failed for one or more patients");
        assertThat(response.body().get("errors")).extracting(e -> e.get("index").asInt()).containsExactly(0, 2, 3);
        assertThat(response.body().get("errors")).extracting(e -> e.get("errors").get(0).get("message").asText())
                .containsExactly("patientId must be a valid UUID", "Patient not found", "extended must be an object");
    }

    @Test
    void should_reject_batch_when_patient_has_no_phone() throws Exception {
        ApiClient.Response response = clinicA.post("/api/v1/calls", batch(AGENT_A, JOHN, NO_PHONE, BLANK_PHONE).toString());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo(ApiClient.JSON.readTree("""
                {"statusCode": 400, "message": "One or more patients are missing a phone number",
                 "patientIds": ["%s", "%s"]}""".formatted(NO_PHONE, BLANK_PHONE)));
        assertThat(simulator.calls()).isEmpty();
        assertThat(simulator.campaigns()).isEmpty();
    }

    @Test
    void should_accept_recording_false_and_a_batch_without_a_name() {
        ObjectNode request = batch(AGENT_A, JOHN).put("recording", false);

        ApiClient.Response response = clinicA.post("/api/v1/calls", request.toString());

        assertThat(response.status()).isEqualTo(200);
        assertThat(simulator.campaigns()).singleElement().satisfies(c -> assertThat(c.name()).isNull());
    }

    static Stream<Arguments> requestsRejectedAsAWhole() {
        String past = Instant.now().minusSeconds(60).toString();
        return Stream.of(
                Arguments.of("{\"patients\":[{\"patientId\":\"" + JOHN + "\"}]}", "agentId is required"),
                Arguments.of(batch("agent-1", JOHN).toString(), "agentId must be a valid UUID"),
                Arguments.of(batch("a0000000-0000-4000-8000-00000000dead", JOHN).toString(), "Agent not found"),
                Arguments.of(batch(AGENT_B, JOHN).toString(), "Agent not found"),
                Arguments.of("{\"agentId\":\"" + AGENT_A + "\"}", "patients must be a non-empty array"),
                Arguments.of(batch(AGENT_A).toString(), "patients must be a non-empty array"),
                Arguments.of("{\"agentId\":\"" + AGENT_A + "\",\"patients\":{}}", "patients must be a non-empty array"),
                Arguments.of("{\"agentId\": \"" + AGENT_A + "\", \"patients\": [", "Request body is not valid JSON"),
                Arguments.of("", "Request body must be a JSON object"),
                Arguments.of("[]", "Request body must be a JSON object"),
                Arguments.of(batch(AGENT_A, JOHN).put("recording", "yes").toString(), "recording must be a boolean"),
                Arguments.of(batch(AGENT_A, JOHN).put("scheduledAt", "tomorrow at nine").toString(),
                        "scheduledAt must be a valid ISO 8601 date string"),
                Arguments.of(batch(AGENT_A, JOHN).put("scheduledAt", "2030-01-01T10:00:00").toString(),
                        "scheduledAt must be a valid ISO 8601 date string"),
                Arguments.of(batch(AGENT_A, JOHN).put("scheduledAt", past).toString(),
                        "scheduledAt must be a date in the future"),
                Arguments.of(batch(AGENT_A, JOHN).put("name", 42).toString(), "name must be a string"));
    }

    @ParameterizedTest
    @MethodSource("requestsRejectedAsAWhole")
    void should_reject_a_malformed_request_in_the_envelope_and_create_nothing(String body, String message) {
        ApiClient.Response response = clinicA.post("/api/v1/calls", body);

        assertEnvelope(response, 400, message, "POST", "/api/v1/calls");
        assertThat(simulator.calls()).isEmpty();
        assertThat(simulator.campaigns()).isEmpty();
        assertThat(clinicA.get("/api/v1/calls").body().at("/pagination/total").asInt()).isZero();
        assertThat(clinicA.get("/api/v1/calls/campaigns").body().at("/pagination/total").asInt()).isZero();
    }
}
