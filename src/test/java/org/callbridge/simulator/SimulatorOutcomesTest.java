package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.Test;

/** Fixed outcomes: an agent's weighted final reports and a patient's list of outcomes, on a hand-driven clock. */
class SimulatorOutcomesTest {

    private static final String AGENT = "a0000000-0000-4000-8000-000000000001";
    private static final String JOHN = "11111111-1111-4111-8111-111111111111";
    private static final String JANE = "11111111-1111-4111-8111-111111111112";

    private static final String WEIGHTED = """
            "finalReports": [{"weight": 0.7, "report": {"appointment_confirmed": true}},
                             {"weight": 0.3, "report": {"appointment_confirmed": false}}]""";

    private final ManualClock clock = new ManualClock(Instant.parse("2025-08-22T10:00:00.000Z"));
    private Organization org;

    /** A one-organization fixture: zero-length statuses, so one tick ends every started call. */
    private static SimulatorFixtures fixtures(double failureRate, long seed, String agentFields, String johnFields) {
        return SimulatorFixtures.parse("""
                {"timing": {"initiatingSeconds": 0, "dialingSeconds": 0, "inProgressSeconds": 0, "summarizingSeconds": 0},
                 "outcomes": {"failureRate": %s, "seed": %d},
                 "organizations": [{"name": "Clinic", "apiKeys": ["k"],
                   "agents": [{"id": "%s", "finalReport": {"default": true}%s}],
                   "patients": [{"patient_id": "%s", "phone_number": "+15555550001"%s},
                                {"patient_id": "%s", "phone_number": "+15555550002"}]}]}"""
                .formatted(failureRate, seed, AGENT, agentFields, JOHN, johnFields, JANE));
    }

    private SimulatedCallStore store(SimulatorFixtures fixtures) {
        org = new Organization(fixtures.organizations().get(0));
        return new SimulatedCallStore(List.of(org), new CallLifecycle(fixtures), clock);
    }

    private static BatchRequest request(String... patients) {
        return new BatchRequest(AGENT, Arrays.stream(patients).map(p -> new BatchRequest.Entry(p, null)).toList(),
                true, null, "test", null, null, ApiClient.JSON.createObjectNode());
    }

    /** Creates the batch and lets its calls run to their end; returns them in creation order. */
    private List<SimulatedCall> run(SimulatedCallStore store, String... patients) {
        List<String> ids = store.createBatch(org, request(patients)).calls().stream().map(SimulatedCall::callId).toList();
        clock.advance(Duration.ofMillis(1));
        store.tick();
        return ids.stream().map(id -> store.call(org, id).orElseThrow()).toList();
    }

    /** The final_report the API shows for each call of {@code count} one-patient batches to JANE. */
    private List<JsonNode> reports(SimulatorFixtures fixtures, int count) {
        SimulatedCallStore store = store(fixtures);
        List<JsonNode> reports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            reports.add(JsonViews.call(run(store, JANE).get(0), org, true).get("final_report"));
        }
        return reports;
    }

    @Test
    void should_pick_the_same_weighted_reports_for_the_same_seed() {
        List<JsonNode> first = reports(fixtures(0.0, 42, "," + WEIGHTED, ""), 50);
        List<JsonNode> again = reports(fixtures(0.0, 42, "," + WEIGHTED, ""), 50);
        List<JsonNode> otherSeed = reports(fixtures(0.0, 43, "," + WEIGHTED, ""), 50);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).allSatisfy(r -> assertThat(r.has("appointment_confirmed")).isTrue());
    }

    @Test
    void should_pick_weighted_reports_about_as_often_as_their_weights_say() {
        SimulatedCallStore store = store(fixtures(0.0, 42, "," + WEIGHTED, ""));
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            patients.add(JANE);
        }

        List<SimulatedCall> calls = run(store, patients.toArray(String[]::new));

        long confirmed = calls.stream().filter(c -> c.finalReport().get("appointment_confirmed").asBoolean()).count();
        // Expected 7,000 with a standard deviation of about 46: the bounds are ten deviations wide.
        assertThat(calls).allSatisfy(c -> assertThat(c.status()).isEqualTo("completed"));
        assertThat(confirmed).isBetween(6_540L, 7_460L);
    }

    @Test
    void should_fail_the_same_calls_with_and_without_weighted_reports() {
        List<String> withoutWeights = run(store(fixtures(0.5, 7, "", "")), JANE, JANE, JANE, JANE, JANE, JANE, JANE, JANE)
                .stream().map(SimulatedCall::status).toList();
        List<String> withWeights = run(store(fixtures(0.5, 7, "," + WEIGHTED, "")),
                JANE, JANE, JANE, JANE, JANE, JANE, JANE, JANE).stream().map(SimulatedCall::status).toList();

        assertThat(withWeights).isEqualTo(withoutWeights).contains("failed", "completed");
    }

    @Test
    void should_keep_the_single_final_report_when_there_are_no_weighted_reports() {
        SimulatedCall call = run(store(fixtures(0.0, 42, "", "")), JANE).get(0);

        assertThat(JsonViews.call(call, org, true).get("final_report").toString()).isEqualTo("{\"default\":true}");
    }

    @Test
    void should_play_a_patients_outcomes_in_creation_order_across_campaigns_then_the_defaults() {
        SimulatedCallStore store = store(fixtures(0.0, 42, "",
                ", \"outcomes\": [{\"step\": 1}, \"failed\", {\"step\": 3}]"));

        List<SimulatedCall> calls = new ArrayList<>(run(store, JOHN));
        calls.addAll(run(store, JANE, JOHN));
        calls.addAll(run(store, JOHN, JOHN));

        assertThat(calls).extracting(SimulatedCall::patientId).containsExactly(JOHN, JANE, JOHN, JOHN, JOHN);
        assertThat(calls).extracting(SimulatedCall::status)
                .containsExactly("completed", "completed", "failed", "completed", "completed");
        assertThat(calls).extracting(c -> JsonViews.call(c, org, true).get("final_report").toString())
                .containsExactly("{\"step\":1}", "{\"default\":true}", "null", "{\"step\":3}", "{\"default\":true}");
    }

    @Test
    void should_end_a_failed_entry_like_any_failure_with_no_final_report() {
        SimulatedCallStore store = store(fixtures(0.0, 42, "," + WEIGHTED, ", \"outcomes\": [\"failed\"]"));

        SimulatedCall call = run(store, JOHN).get(0);

        assertThat(call.status()).isEqualTo("failed");
        assertThat(call.endedAt()).isNotNull();
        assertThat(call.finalReport()).isNull();
        assertThat(JsonViews.call(call, org, true).get("final_report").isNull()).isTrue();
    }

    @Test
    void should_complete_a_planned_report_even_when_the_failure_rate_fails_every_call() {
        SimulatedCallStore store = store(fixtures(1.0, 42, "", ", \"outcomes\": [{\"step\": 1}]"));

        List<SimulatedCall> calls = run(store, JOHN, JOHN);

        assertThat(calls).extracting(SimulatedCall::status).containsExactly("completed", "failed");
        assertThat(calls.get(0).finalReport().toString()).isEqualTo("{\"step\":1}");
    }

    @Test
    void should_use_up_an_entry_when_the_call_is_created_even_if_it_is_hung_up() {
        SimulatedCallStore store = store(fixtures(0.0, 42, "", ", \"outcomes\": [{\"step\": 1}, {\"step\": 2}]"));
        String hungUp = store.createBatch(org, request(JOHN)).calls().get(0).callId();
        store.hangUp(org, hungUp);

        SimulatedCall next = run(store, JOHN).get(0);

        assertThat(store.call(org, hungUp).orElseThrow().finalReport()).isNull();
        assertThat(next.finalReport().toString()).isEqualTo("{\"step\":2}");
    }
}
