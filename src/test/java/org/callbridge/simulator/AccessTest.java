package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.simulator.Envelopes.assertEnvelope;
import static org.callbridge.simulator.TestFixtures.AGENT_B;
import static org.callbridge.simulator.TestFixtures.ANN_OF_B;
import static org.callbridge.simulator.TestFixtures.JOHN;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessTest extends SimulatorTestSupport {

    private static final String SOME_ID = "33333333-3333-4333-8333-333333333333";

    @BeforeEach
    void startSimulator() {
        // Long statuses: calls stay active (and hangable) for the whole test.
        start(TestFixtures.load().withTiming(TestFixtures.timing(60_000, 60_000, 60_000, 60_000)));
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /api/v1/calls",
            "POST, /api/v1/calls",
            "GET, /api/v1/calls/" + SOME_ID,
            "DELETE, /api/v1/calls/" + SOME_ID,
            "GET, /api/v1/calls/campaigns",
            "GET, /api/v1/calls/campaigns/" + SOME_ID})
    void should_refuse_every_endpoint_without_an_api_key(String method, String path) {
        ApiClient anonymous = new ApiClient(simulator.baseUrl(), null);

        ApiClient.Response response = anonymous.send(anonymous.request(path)
                .method(method, HttpRequest.BodyPublishers.ofString(batch(TestFixtures.AGENT_A, JOHN).toString())));

        assertEnvelope(response, 401, "Missing API key", method, path);
    }

    @Test
    void should_refuse_an_unknown_api_key_and_create_nothing() {
        ApiClient stranger = new ApiClient(simulator.baseUrl(), "key-nobody");

        ApiClient.Response response = stranger.post("/api/v1/calls", batch(TestFixtures.AGENT_A, JOHN).toString());

        assertEnvelope(response, 401, "Invalid API key", "POST", "/api/v1/calls");
        assertThat(simulator.calls()).isEmpty();
    }

    @Test
    void should_let_every_key_of_an_organization_see_the_same_calls() {
        JsonNode created = clinicB.post("/api/v1/calls", batch(AGENT_B, ANN_OF_B).toString()).body();
        ApiClient secondKey = new ApiClient(simulator.baseUrl(), "key-b-secondary");

        ApiClient.Response response = secondKey.get("/api/v1/calls/" + callIds(created).get(0));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("patient").get("patient_id").asText()).isEqualTo(ANN_OF_B);
    }

    @Test
    void should_hide_another_organizations_call_behind_a_404() {
        String callOfA = callIds(postBatchA(JOHN)).get(0);

        ApiClient.Response response = clinicB.get("/api/v1/calls/" + callOfA);

        assertEnvelope(response, 404, "Call not found", "GET", "/api/v1/calls/" + callOfA);
        assertThat(clinicA.get("/api/v1/calls/" + callOfA).status()).isEqualTo(200);
    }

    @Test
    void should_hide_another_organizations_campaign_behind_a_404() {
        String batchOfA = postBatchA(JOHN).get("batchId").asText();

        ApiClient.Response response = clinicB.get("/api/v1/calls/campaigns/" + batchOfA);

        assertEnvelope(response, 404, "Campaign not found", "GET", "/api/v1/calls/campaigns/" + batchOfA);
        assertThat(clinicA.get("/api/v1/calls/campaigns/" + batchOfA).status()).isEqualTo(200);
    }

    @Test
    void should_not_let_another_organization_hang_up_a_call() {
        String callOfA = callIds(postBatchA(JOHN)).get(0);

        ApiClient.Response response = clinicB.delete("/api/v1/calls/" + callOfA);

        assertEnvelope(response, 400, "There are no ongoing calls with that call ID", "DELETE", "/api/v1/calls/" + callOfA);
        assertThat(clinicA.get("/api/v1/calls/" + callOfA).body().get("status").asText()).isEqualTo("initiating");
    }

    @Test
    void should_list_only_the_organizations_own_calls_and_campaigns() {
        postBatchA(JOHN, JOHN);
        clinicB.post("/api/v1/calls", batch(AGENT_B, ANN_OF_B).toString());

        JsonNode callsOfB = clinicB.get("/api/v1/calls").body();
        JsonNode campaignsOfB = clinicB.get("/api/v1/calls/campaigns").body();

        assertThat(callsOfB.at("/pagination/total").asInt()).isEqualTo(1);
        assertThat(callsOfB.get("data").get(0).get("agent_id").asText()).isEqualTo(AGENT_B);
        assertThat(campaignsOfB.get("data")).singleElement()
                .satisfies(c -> assertThat(c.get("agent_id").asText()).isEqualTo(AGENT_B));
        assertThat(clinicA.get("/api/v1/calls").body().at("/pagination/total").asInt()).isEqualTo(2);
    }

    @Test
    void should_answer_404_for_unknown_and_malformed_ids() {
        String unknown = UUID.randomUUID().toString();

        assertEnvelope(clinicA.get("/api/v1/calls/" + unknown), 404, "Call not found", "GET", "/api/v1/calls/" + unknown);
        assertEnvelope(clinicA.get("/api/v1/calls/not-a-uuid"), 404, "Call not found", "GET", "/api/v1/calls/not-a-uuid");
        assertEnvelope(clinicA.get("/api/v1/calls/campaigns/" + unknown), 404, "Campaign not found", "GET",
                "/api/v1/calls/campaigns/" + unknown);
        assertEnvelope(clinicA.get("/api/v1/calls/campaigns/nope"), 404, "Campaign not found", "GET",
                "/api/v1/calls/campaigns/nope");
        assertEnvelope(clinicA.delete("/api/v1/calls/" + unknown), 400, "There are no ongoing calls with that call ID",
                "DELETE", "/api/v1/calls/" + unknown);
        assertEnvelope(clinicA.delete("/api/v1/calls/not-a-uuid"), 400, "There are no ongoing calls with that call ID",
                "DELETE", "/api/v1/calls/not-a-uuid");
    }

    @Test
    void should_route_the_campaigns_path_to_the_campaign_list_not_to_a_call() {
        postBatchA(JOHN);

        ApiClient.Response response = clinicA.get("/api/v1/calls/campaigns");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("data")).hasSize(1);
        assertThat(response.body().at("/pagination/total").asInt()).isEqualTo(1);
    }

    @Test
    void should_answer_an_unknown_route_with_a_404_envelope() {
        String path = "/api/v1/calls/" + SOME_ID;

        ApiClient.Response response = clinicA.send(clinicA.request(path).PUT(HttpRequest.BodyPublishers.noBody()));

        assertEnvelope(response, 404, "Cannot PUT " + path, "PUT", path);
    }
}
