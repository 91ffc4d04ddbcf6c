package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.simulator.Envelopes.assertEnvelope;
import static org.callbridge.simulator.TestFixtures.AGENT_A;
import static org.callbridge.simulator.TestFixtures.JANE;
import static org.callbridge.simulator.TestFixtures.JOHN;
import static org.callbridge.simulator.TestFixtures.SAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaginationTest extends SimulatorTestSupport {

    @BeforeEach
    void startSimulator() {
        startDefault();
    }

    @Test
    void should_page_calls_from_a_1_based_start_in_a_stable_order() {
        postBatchA(JOHN, JANE, SAM, JOHN);
        postBatchA(JANE, SAM, JOHN);

        JsonNode first = clinicA.get("/api/v1/calls?size=3&start=1").body();
        JsonNode second = clinicA.get("/api/v1/calls?size=3&start=4").body();
        JsonNode last = clinicA.get("/api/v1/calls?size=3&start=7").body();
        JsonNode beyond = clinicA.get("/api/v1/calls?size=3&start=8").body();
        JsonNode all = clinicA.get("/api/v1/calls").body();

        assertThat(first.get("pagination")).isEqualTo(pagination(1, 3, 3, 7, true));
        assertThat(second.get("pagination")).isEqualTo(pagination(4, 3, 3, 7, true));
        assertThat(last.get("pagination")).isEqualTo(pagination(7, 3, 1, 7, false));
        assertThat(beyond.get("pagination")).isEqualTo(pagination(8, 3, 0, 7, false));
        assertThat(all.get("pagination")).isEqualTo(pagination(1, 100, 7, 7, false));
        List<String> paged = new ArrayList<>(ids(first));
        paged.addAll(ids(second));
        paged.addAll(ids(last));
        assertThat(paged).doesNotHaveDuplicates().isEqualTo(ids(all));
        List<JsonNode> items = new ArrayList<>();
        all.get("data").forEach(items::add);
        assertThat(items).isSortedAccordingTo(Comparator.comparing((JsonNode c) -> c.get("created_at").asText())
                .thenComparing(c -> c.get("id").asText()));
    }

    @Test
    void should_default_to_100_and_accept_up_to_500_per_page() {
        String[] patients = Collections.nCopies(120, JOHN).toArray(String[]::new);
        postBatchA(patients);

        JsonNode byDefault = clinicA.get("/api/v1/calls").body();
        JsonNode largest = clinicA.get("/api/v1/calls?size=500").body();
        JsonNode smallest = clinicA.get("/api/v1/calls?size=1&start=120").body();

        assertThat(byDefault.get("pagination")).isEqualTo(pagination(1, 100, 100, 120, true));
        assertThat(largest.get("pagination")).isEqualTo(pagination(1, 500, 120, 120, false));
        assertThat(smallest.get("pagination")).isEqualTo(pagination(120, 1, 1, 120, false));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "size=0            | size must be an integer between 1 and 500",
            "size=501          | size must be an integer between 1 and 500",
            "size=-5           | size must be an integer between 1 and 500",
            "size=ten          | size must be an integer between 1 and 500",
            "size=1.5          | size must be an integer between 1 and 500",
            "start=0           | start must be an integer >= 1",
            "start=-1          | start must be an integer >= 1",
            "start=first       | start must be an integer >= 1",
            "ended_after=today | ended_after must be a valid ISO 8601 date string",
            "ended_after=2024-13-01T00:00:00Z | ended_after must be a valid ISO 8601 date string"})
    void should_reject_out_of_range_or_malformed_parameters_on_every_list(String query, String message) {
        String batchId = postBatchA(JOHN).get("batchId").asText();

        assertEnvelope(clinicA.get("/api/v1/calls?" + query), 400, message, "GET", "/api/v1/calls");
        assertEnvelope(clinicA.get("/api/v1/calls/campaigns/" + batchId + "?" + query), 400, message, "GET",
                "/api/v1/calls/campaigns/" + batchId);
        if (!query.startsWith("ended_after")) {
            assertEnvelope(clinicA.get("/api/v1/calls/campaigns?" + query), 400, message, "GET",
                    "/api/v1/calls/campaigns");
        }
    }

    @Test
    void should_return_only_calls_ended_strictly_after_ended_after_ordered_by_end() {
        List<String> firstBatch = callIds(postBatchA(JOHN, JANE));
        awaitAllEnded();
        String watermark = latestEnd(clinicA.get("/api/v1/calls").body());
        List<String> secondBatch = callIds(postBatchA(SAM, JOHN, JANE));
        awaitAllEnded();
        clinicA.post("/api/v1/calls", batch(AGENT_A, SAM).put("scheduledAt", Instant.now().plusSeconds(600).toString())
                .toString());

        JsonNode after = clinicA.get("/api/v1/calls?ended_after=" + watermark).body();
        JsonNode everEnded = clinicA.get("/api/v1/calls?ended_after=2000-01-01T00:00:00.000Z").body();

        assertThat(ids(after)).containsExactlyInAnyOrderElementsOf(secondBatch).doesNotContainAnyElementsOf(firstBatch);
        assertThat(after.get("pagination").get("ended_after").asText()).isEqualTo(watermark);
        List<JsonNode> items = new ArrayList<>();
        after.get("data").forEach(items::add);
        assertThat(items).isSortedAccordingTo(Comparator.comparing((JsonNode c) -> c.get("ended_at").asText())
                .thenComparing(c -> c.get("id").asText()));
        assertThat(everEnded.at("/pagination/total").asInt()).isEqualTo(5);
        assertThat(clinicA.get("/api/v1/calls").body().at("/pagination/total").asInt()).isEqualTo(6);
    }

    @Test
    void should_echo_ended_after_in_utc_with_milliseconds() {
        JsonNode zulu = clinicA.get("/api/v1/calls?ended_after=2024-01-01T00:00:00Z").body();
        JsonNode offset = clinicA.get("/api/v1/calls?ended_after=2024-01-01T02:00:00%2B02:00").body();

        assertThat(zulu.at("/pagination/ended_after").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
        assertThat(offset.at("/pagination/ended_after").asText()).isEqualTo("2024-01-01T00:00:00.000Z");
    }

    @Test
    void should_page_campaigns_by_creation_without_ended_after() {
        for (int i = 0; i < 5; i++) {
            clinicA.post("/api/v1/calls", batch(AGENT_A, JOHN).put("name", "batch-" + i).toString());
        }

        JsonNode first = clinicA.get("/api/v1/calls/campaigns?size=2&start=1").body();
        JsonNode last = clinicA.get("/api/v1/calls/campaigns?size=2&start=5&ended_after=2024-01-01T00:00:00Z").body();
        JsonNode all = clinicA.get("/api/v1/calls/campaigns").body();

        assertThat(first.get("pagination")).isEqualTo(pagination(1, 2, 2, 5, true));
        assertThat(last.get("pagination")).isEqualTo(pagination(5, 2, 1, 5, false));
        assertThat(ids(all)).hasSize(5).doesNotHaveDuplicates().startsWith(ids(first).toArray(String[]::new));
        List<JsonNode> items = new ArrayList<>();
        all.get("data").forEach(items::add);
        assertThat(items).isSortedAccordingTo(Comparator.comparing((JsonNode c) -> c.get("created_at").asText())
                .thenComparing(c -> c.get("id").asText()));
    }

    @Test
    void should_page_and_filter_a_campaigns_calls() {
        JsonNode created = postBatchA(JOHN, JANE, SAM, JOHN, JANE);
        String batchId = created.get("batchId").asText();
        postBatchA(SAM);
        awaitAllEnded();

        JsonNode page = clinicA.get("/api/v1/calls/campaigns/" + batchId + "?size=2&start=3").body();
        JsonNode ended = clinicA.get("/api/v1/calls/campaigns/" + batchId + "?ended_after=2000-01-01T00:00:00Z").body();

        assertThat(page.get("pagination")).isEqualTo(pagination(3, 2, 2, 5, true));
        assertThat(ended.at("/pagination/total").asInt()).isEqualTo(5);
        assertThat(ended.at("/pagination/ended_after").asText()).isEqualTo("2000-01-01T00:00:00.000Z");
        assertThat(ids(ended)).containsExactlyInAnyOrderElementsOf(callIds(created));
    }

    private static JsonNode pagination(int start, int size, int returned, int total, boolean hasMore) {
        return ApiClient.JSON.createObjectNode().put("start", start).put("requested_size", size)
                .put("returned_count", returned).put("total", total).put("hasMore", hasMore);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static String latestEnd(JsonNode list) {
        List<String> ends = new ArrayList<>();
        list.get("data").forEach(item -> ends.add(item.get("ended_at").asText()));
        return Collections.max(ends);
    }
}
