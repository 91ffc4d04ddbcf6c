package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.callbridge.simulator.TestFixtures.AGENT_A;
import static org.callbridge.simulator.TestFixtures.AGENT_B;
import static org.callbridge.simulator.TestFixtures.ANN_OF_B;
import static org.callbridge.simulator.TestFixtures.JANE;
import static org.callbridge.simulator.TestFixtures.JOHN;
import static org.callbridge.simulator.TestFixtures.SAM;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LifecycleTest extends SimulatorTestSupport {

    private static final Set<String> ACTIVE = Set.of("initiating", "dialing", "in-progress", "summarizing");

    @Test
    void should_move_a_call_through_every_status_to_completed_with_the_agents_final_report() {
        start(TestFixtures.load().withTiming(TestFixtures.timing(250, 250, 250, 250)));
        String callId = callIds(postBatchA(JOHN)).get(0);
        List<String> seen = Collections.synchronizedList(new ArrayList<>());

        JsonNode call = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    JsonNode now = clinicA.get("/api/v1/calls/" + callId).body();
                    String status = now.get("status").asText();
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(status)) {
                        seen.add(status);
                    }
                    return now;
                }, now -> now.get("status").asText().equals("completed"));

        assertThat(seen).containsExactly("initiating", "dialing", "in-progress", "summarizing", "completed");
        assertThat(call.get("final_report")).isEqualTo(ApiClient.JSON.createObjectNode()
                .put("appointment_confirmed", true).put("callback_requested", false));
        Instant started = Instant.parse(call.get("started_at").asText());
        Instant ended = Instant.parse(call.get("ended_at").asText());
        assertThat(Duration.between(started, ended)).isGreaterThanOrEqualTo(Duration.ofMillis(1_000));
    }

    @Test
    void should_compute_duration_in_whole_seconds_between_started_and_ended() {
        start(TestFixtures.load().withTiming(TestFixtures.timing(50, 50, 1_100, 50)));
        String callId = callIds(postBatchA(JOHN)).get(0);

        JsonNode call = awaitStatus(clinicA, callId, "completed");

        Instant started = Instant.parse(call.get("started_at").asText());
        Instant ended = Instant.parse(call.get("ended_at").asText());
        assertThat(call.get("duration").asLong()).isEqualTo(Duration.between(started, ended).getSeconds()).isEqualTo(1);
    }

    @Test
    void should_repeat_the_same_outcomes_for_the_same_seed() {
        SimulatorFixtures fixtures = TestFixtures.load().withOutcomes(new SimulatorFixtures.Outcomes(0.5, 42));

        List<String> first = outcomesOfTwelveCalls(fixtures);
        List<String> second = outcomesOfTwelveCalls(fixtures);
        List<String> otherSeed = outcomesOfTwelveCalls(fixtures.withOutcomes(new SimulatorFixtures.Outcomes(0.5, 4242)));

        assertThat(first).hasSize(12).contains("completed", "failed").containsOnly("completed", "failed");
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void should_end_failed_calls_without_a_final_report_but_with_timestamps_and_duration() {
        start(TestFixtures.load().withOutcomes(new SimulatorFixtures.Outcomes(1.0, 42)));
        List<String> ids = callIds(postBatchA(JOHN, JANE, SAM));

        awaitAllEnded();

        for (String id : ids) {
            JsonNode call = clinicA.get("/api/v1/calls/" + id).body();
            assertThat(call.get("status").asText()).isEqualTo("failed");
            assertThat(call.get("final_report").isNull()).isTrue();
            assertThat(call.get("started_at").isNull()).isFalse();
            assertThat(call.get("ended_at").isNull()).isFalse();
            assertThat(call.get("duration").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void should_queue_calls_beyond_capacity_in_production_mode_and_promote_them_as_slots_free() {
        start(TestFixtures.load().withMode(SimulatorFixtures.Mode.PRODUCTION)
                .withCapacity(new SimulatorFixtures.Capacity(2))
                .withTiming(TestFixtures.timing(50, 50, 100, 50)));

        JsonNode created = postBatchA(JOHN, JANE, SAM, JOHN, JANE);

        assertThat(created.get("totalInitiated").asInt()).isEqualTo(2);
        assertThat(created.get("totalQueued").asInt()).isEqualTo(3);
        assertThat(created.get("message").asText()).isEqualTo("Batch created with 3 calls queued and 2 initiated");
        assertThat(created.get("calls")).extracting(c -> c.get("status").asText())
                .containsExactly("initiating", "initiating", "queued", "queued", "queued");
        AtomicInteger mostActive = new AtomicInteger();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> {
            List<SimulatedCall> calls = simulator.calls();
            mostActive.accumulateAndGet((int) calls.stream().filter(c -> ACTIVE.contains(c.status())).count(), Math::max);
            return calls.stream().allMatch(c -> c.status().equals("completed"));
        });
        assertThat(mostActive.get()).isEqualTo(2);
        List<SimulatedCall> calls = simulator.calls();
        Instant firstSlotFreed = calls.get(0).endedAt().isBefore(calls.get(1).endedAt())
                ? calls.get(0).endedAt() : calls.get(1).endedAt();
        assertThat(calls.subList(2, 5)).allSatisfy(queued ->
                assertThat(queued.startedAt()).isAfterOrEqualTo(firstSlotFreed.minusMillis(1)));
    }

    @Test
    void should_count_capacity_per_organization() {
        start(TestFixtures.load().withMode(SimulatorFixtures.Mode.PRODUCTION)
                .withCapacity(new SimulatorFixtures.Capacity(1))
                .withTiming(TestFixtures.timing(60_000, 60_000, 60_000, 60_000)));
        postBatchA(JOHN);

        JsonNode fromB = clinicB.post("/api/v1/calls", batch(AGENT_B, ANN_OF_B).toString()).body();
        JsonNode moreFromA = postBatchA(JANE);

        assertThat(fromB.at("/calls/0/status").asText()).isEqualTo("initiating");
        assertThat(moreFromA.at("/calls/0/status").asText()).isEqualTo("queued");
    }

    @Test
    void should_ignore_capacity_in_demo_mode() {
        start(TestFixtures.load().withCapacity(new SimulatorFixtures.Capacity(1)));

        JsonNode created = postBatchA(JOHN, JANE, SAM);

        assertThat(created.get("totalInitiated").asInt()).isEqualTo(3);
        assertThat(created.get("calls")).allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("initiating"));
    }

    @Test
    void should_keep_scheduled_calls_queued_and_unstarted_until_their_time() {
        startDefault();
        Instant scheduledAt = Instant.now().plusSeconds(3);
        String request = batch(AGENT_A, JOHN, JANE).put("scheduledAt", scheduledAt.toString())
                .put("description", "reminder for tomorrow").toString();

        JsonNode created = clinicA.post("/api/v1/calls", request).body();
        String callId = callIds(created).get(0);

        assertThat(created.get("totalQueued").asInt()).isEqualTo(2);
        assertThat(created.get("totalInitiated").asInt()).isZero();
        assertThat(created.get("calls")).allSatisfy(c -> assertThat(c.get("status").asText()).isEqualTo("queued"));
        await().during(Duration.ofMillis(1_000)).atMost(Duration.ofMillis(2_500)).pollInterval(Duration.ofMillis(20))
                .until(() -> clinicA.get("/api/v1/calls/" + callId).body(),
                        call -> call.get("status").asText().equals("queued") && call.get("started_at").isNull());
        JsonNode completed = awaitStatus(clinicA, callId, "completed");
        assertThat(Instant.parse(completed.get("started_at").asText())).isAfterOrEqualTo(scheduledAt.minusMillis(1));
    }

    /** Posts twelve calls in one batch to a fresh simulator and returns their final statuses in request order. */
    private List<String> outcomesOfTwelveCalls(SimulatorFixtures fixtures) {
        start(fixtures.withTiming(TestFixtures.timing(10, 10, 10, 10)));
        List<String> ids = callIds(postBatchA(JOHN, JANE, SAM, JOHN, JANE, SAM, JOHN, JANE, SAM, JOHN, JANE, SAM));
        awaitAllEnded();
        List<String> statuses = new ArrayList<>();
        ids.forEach(id -> statuses.add(clinicA.get("/api/v1/calls/" + id).body().get("status").asText()));
        return statuses;
    }
}
