package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.callbridge.simulator.Envelopes.assertEnvelope;
import static org.callbridge.simulator.TestFixtures.AGENT_A;
import static org.callbridge.simulator.TestFixtures.JOHN;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HangupTest extends SimulatorTestSupport {

    private static final long LONG = 60_000;

    @ParameterizedTest
    @CsvSource({"initiating", "dialing", "in-progress"})
    void should_hang_up_a_call_in_an_ongoing_status_and_mark_it_failed(String status) {
        start(TestFixtures.load().withTiming(switch (status) {
            case "initiating" -> TestFixtures.timing(LONG, LONG, LONG, LONG);
            case "dialing" -> TestFixtures.timing(0, LONG, LONG, LONG);
            default -> TestFixtures.timing(0, 0, LONG, LONG);
        }));
        String callId = callIds(postBatchA(JOHN)).get(0);
        awaitStatus(clinicA, callId, status);

        ApiClient.Response response = clinicA.delete("/api/v1/calls/" + callId);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(ApiClient.JSON.createObjectNode()
                .put("callId", callId).put("message", "Call terminated successfully"));
        JsonNode call = clinicA.get("/api/v1/calls/" + callId).body();
        assertThat(call.get("status").asText()).isEqualTo("failed");
        assertThat(call.get("final_report").isNull()).isTrue();
        assertThat(Instant.parse(call.get("ended_at").asText())).isAfterOrEqualTo(Instant.parse(call.get("started_at").asText()));
        assertThat(call.get("duration").asLong()).isZero();
    }

    @Test
    void should_keep_a_hung_up_call_failed_after_its_statuses_would_have_run_out() {
        start(TestFixtures.load().withTiming(TestFixtures.timing(100, 100, 100, 100)));
        String callId = callIds(postBatchA(JOHN)).get(0);
        assertThat(clinicA.delete("/api/v1/calls/" + callId).status()).isEqualTo(200);

        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5))
                .until(() -> clinicA.get("/api/v1/calls/" + callId).body().get("status").asText().equals("failed"));
    }

    @Test
    void should_refuse_to_hang_up_a_completed_or_already_failed_call() {
        start(TestFixtures.load().withTiming(TestFixtures.timing(10, 10, 10, 10)));
        String callId = callIds(postBatchA(JOHN)).get(0);
        awaitStatus(clinicA, callId, "completed");

        ApiClient.Response completed = clinicA.delete("/api/v1/calls/" + callId);

        assertEnvelope(completed, 400, "Call was not in a status that could be hung up", "DELETE", "/api/v1/calls/" + callId);
        assertThat(clinicA.get("/api/v1/calls/" + callId).body().get("status").asText()).isEqualTo("completed");
    }

    @Test
    void should_refuse_to_hang_up_a_failed_call() {
        start(TestFixtures.load().withTiming(TestFixtures.timing(LONG, LONG, LONG, LONG)));
        String callId = callIds(postBatchA(JOHN)).get(0);
        clinicA.delete("/api/v1/calls/" + callId);

        ApiClient.Response again = clinicA.delete("/api/v1/calls/" + callId);

        assertEnvelope(again, 400, "Call was not in a status that could be hung up", "DELETE", "/api/v1/calls/" + callId);
    }

    @Test
    void should_refuse_to_hang_up_a_queued_call() {
        startDefault();
        String request = batch(AGENT_A, JOHN).put("scheduledAt", Instant.now().plusSeconds(600).toString()).toString();
        String callId = callIds(clinicA.post("/api/v1/calls", request).body()).get(0);

        ApiClient.Response response = clinicA.delete("/api/v1/calls/" + callId);

        assertEnvelope(response, 400, "Call was not in a status that could be hung up", "DELETE", "/api/v1/calls/" + callId);
        assertThat(clinicA.get("/api/v1/calls/" + callId).body().get("status").asText()).isEqualTo("queued");
    }

    @Test
    void should_refuse_to_hang_up_a_summarizing_call() {
        start(TestFixtures.load().withTiming(TestFixtures.timing(0, 0, 0, LONG)));
        String callId = callIds(postBatchA(JOHN)).get(0);
        awaitStatus(clinicA, callId, "summarizing");

        ApiClient.Response response = clinicA.delete("/api/v1/calls/" + callId);

        assertEnvelope(response, 400, "Call was not in a status that could be hung up", "DELETE", "/api/v1/calls/" + callId);
    }

    @Test
    void should_free_a_production_slot_when_a_call_is_hung_up() {
        start(TestFixtures.load().withMode(SimulatorFixtures.Mode.PRODUCTION)
                .withCapacity(new SimulatorFixtures.Capacity(1))
                .withTiming(TestFixtures.timing(LONG, LONG, LONG, LONG)));
        var ids = callIds(postBatchA(JOHN, JOHN));

        clinicA.delete("/api/v1/calls/" + ids.get(0));

        awaitStatus(clinicA, ids.get(1), "initiating");
    }
}
