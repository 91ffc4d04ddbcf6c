package org.callbridge.simulator;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** Starts simulators on free ports, stops them after each test, and builds request bodies. */
abstract class SimulatorTestSupport {

    private final List<CallsApiSimulator> started = new ArrayList<>();
    protected CallsApiSimulator simulator;
    protected ApiClient clinicA;
    protected ApiClient clinicB;

    protected CallsApiSimulator start(SimulatorFixtures fixtures) {
        simulator = CallsApiSimulator.start(fixtures, "127.0.0.1", 0);
        started.add(simulator);
        clinicA = new ApiClient(simulator.baseUrl(), TestFixtures.KEY_A);
        clinicB = new ApiClient(simulator.baseUrl(), TestFixtures.KEY_B);
        return simulator;
    }

    protected CallsApiSimulator startDefault() {
        return start(TestFixtures.load());
    }

    @AfterEach
    void stopSimulators() {
        started.forEach(CallsApiSimulator::close);
    }

    static ObjectNode batch(String agentId, String... patientIds) {
        ObjectNode body = ApiClient.JSON.createObjectNode().put("agentId", agentId);
        ArrayNode patients = body.putArray("patients");
        for (String id : patientIds) {
            patients.addObject().put("patientId", id);
        }
        return body;
    }

    /** POSTs a batch for Clinic A and returns the 200 response body. */
    protected JsonNode postBatchA(String... patientIds) {
        ApiClient.Response response = clinicA.post("/api/v1/calls", batch(TestFixtures.AGENT_A, patientIds).toString());
        if (response.status() != 200) {
            throw new AssertionError("expected 200, got " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    protected static List<String> callIds(JsonNode created) {
        List<String> ids = new ArrayList<>();
        created.get("calls").forEach(c -> ids.add(c.get("callId").asText()));
        return ids;
    }

    protected JsonNode awaitStatus(ApiClient client, String callId, String status) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
                .until(() -> client.get("/api/v1/calls/" + callId).body(),
                        call -> status.equals(call.path("status").asText()));
    }

    protected void awaitAllEnded() {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10))
                .until(() -> simulator.calls().stream().allMatch(c -> c.endedAt() != null));
    }
}
