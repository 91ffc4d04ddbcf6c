package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.simulator.TestFixtures.AGENT_A;
import static org.callbridge.simulator.TestFixtures.JANE;
import static org.callbridge.simulator.TestFixtures.JOHN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CallViewTest extends SimulatorTestSupport {

    private static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    @BeforeEach
    void startSimulator() {
        start(TestFixtures.load().withTiming(TestFixtures.timing(60_000, 60_000, 60_000, 60_000)));
    }

    @Test
    void should_show_a_new_call_with_every_documented_field() {
        JsonNode created = postBatchA(JOHN);
        String callId = callIds(created).get(0);

        JsonNode call = clinicA.get("/api/v1/calls/" + callId).body();

        assertThat(fieldNames(call)).containsExactly("id", "status", "phone_number", "direction", "created_at",
                "started_at", "ended_at", "final_report", "batch_id", "agent_id", "duration", "patient",
                "client_metadata");
        assertThat(call.get("id").asText()).isEqualTo(callId);
        assertThat(call.get("status").asText()).isEqualTo("initiating");
        assertThat(call.get("phone_number").asText()).isEqualTo("+15555551234");
        assertThat(call.get("direction").asText()).isEqualTo("outbound");
        assertThat(call.get("created_at").asText()).matches(TIMESTAMP);
        assertThat(call.get("started_at").asText()).isEqualTo(call.get("created_at").asText());
        assertThat(call.get("ended_at").isNull()).isTrue();
        assertThat(call.get("final_report").isNull()).isTrue();
        assertThat(call.get("batch_id").asText()).isEqualTo(created.get("batchId").asText());
        assertThat(call.get("agent_id").asText()).isEqualTo(AGENT_A);
        assertThat(call.get("duration").isNull()).isTrue();
        assertThat(call.get("client_metadata").isNull()).isTrue();
        assertThat(call.get("patient")).isEqualTo(ApiClient.JSON.createObjectNode()
                .put("patient_id", JOHN).put("first_name", "John").put("last_name", "Doe")
                .put("birth_date", "1990-01-01").putNull("email").put("phone_number", "+15555551234"));
    }

    @Test
    void should_list_campaign_calls_under_the_campaign_in_camel_case() {
        ObjectNode request = batch(AGENT_A, JOHN, JANE).put("name", "Morning reminders");
        JsonNode created = clinicA.post("/api/v1/calls", request.toString()).body();
        String batchId = created.get("batchId").asText();

        JsonNode body = clinicA.get("/api/v1/calls/campaigns/" + batchId).body();

        assertThat(fieldNames(body.get("campaign"))).containsExactly("id", "name", "agentId", "createdAt");
        assertThat(body.at("/campaign/id").asText()).isEqualTo(batchId);
        assertThat(body.at("/campaign/name").asText()).isEqualTo("Morning reminders");
        assertThat(body.at("/campaign/agentId").asText()).isEqualTo(AGENT_A);
        assertThat(body.at("/campaign/createdAt").asText()).matches(TIMESTAMP);
        assertThat(body.get("data")).extracting(c -> c.get("id").asText())
                .containsExactlyInAnyOrderElementsOf(callIds(created));
        assertThat(body.get("data").get(0).has("batch_id")).isFalse();
        assertThat(body.get("data").get(0).get("patient").get("patient_id").asText()).isIn(JOHN, JANE);
        assertThat(body.at("/pagination/total").asInt()).isEqualTo(2);
    }

    @Test
    void should_list_campaigns_in_snake_case_with_null_name_when_none_was_given() {
        String batchId = postBatchA(JOHN).get("batchId").asText();

        JsonNode campaign = clinicA.get("/api/v1/calls/campaigns").body().get("data").get(0);

        assertThat(fieldNames(campaign)).containsExactly("id", "name", "agent_id", "created_at");
        assertThat(campaign.get("id").asText()).isEqualTo(batchId);
        assertThat(campaign.get("name").isNull()).isTrue();
        assertThat(campaign.get("agent_id").asText()).isEqualTo(AGENT_A);
        assertThat(campaign.get("created_at").asText()).matches(TIMESTAMP);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
