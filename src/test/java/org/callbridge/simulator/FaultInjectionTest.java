package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.callbridge.simulator.Envelopes.assertEnvelope;
import static org.callbridge.simulator.TestFixtures.AGENT_A;
import static org.callbridge.simulator.TestFixtures.JANE;
import static org.callbridge.simulator.TestFixtures.JOHN;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FaultInjectionTest extends SimulatorTestSupport {

    private static SimulatorFixtures withFaults(double error, double throttle, int retryAfter, long latency,
            double ambiguous, long seed) {
        return TestFixtures.load().withFaults(
                new SimulatorFixtures.Faults(error, throttle, retryAfter, latency, ambiguous, seed));
    }

    @Test
    void should_answer_500_in_the_envelope_before_doing_any_work() {
        start(withFaults(1.0, 0, 1, 0, 0, 7));

        ApiClient.Response post = clinicA.post("/api/v1/calls", batch(AGENT_A, JOHN).toString());
        ApiClient.Response list = clinicA.get("/api/v1/calls/campaigns");

        assertEnvelope(post, 500, "Internal server error", "POST", "/api/v1/calls");
        assertEnvelope(list, 500, "Internal server error", "GET", "/api/v1/calls/campaigns");
        assertThat(simulator.calls()).isEmpty();
        assertThat(simulator.campaigns()).isEmpty();
    }

    @Test
    void should_throttle_with_429_and_a_retry_after_header() {
        start(withFaults(0, 1.0, 3, 0, 0, 7));

        ApiClient.Response post = clinicA.post("/api/v1/calls", batch(AGENT_A, JOHN).toString());
        ApiClient.Response get = clinicA.get("/api/v1/calls?size=5");

        assertEnvelope(post, 429, "Too many requests", "POST", "/api/v1/calls");
        assertThat(post.headers().firstValue("Retry-After")).hasValue("3");
        assertEnvelope(get, 429, "Too many requests", "GET", "/api/v1/calls");
        assertThat(get.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(simulator.calls()).isEmpty();
        assertThat(simulator.requestCount()).isEqualTo(2);
    }

    @Test
    void should_delay_every_response_without_blocking_other_requests() {
        start(withFaults(0, 0, 1, 300, 0, 7));
        ApiClient slow = clinicA;

        long begin = System.nanoTime();
        ApiClient.Response single = slow.get("/api/v1/calls");
        Duration one = Duration.ofNanos(System.nanoTime() - begin);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<CompletableFuture<HttpResponse<String>>> parallel = new ArrayList<>();
        begin = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            parallel.add(http.sendAsync(slow.request("/api/v1/calls/campaigns").build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(parallel.toArray(CompletableFuture[]::new)).join();
        Duration six = Duration.ofNanos(System.nanoTime() - begin);

        assertThat(single.status()).isEqualTo(200);
        assertThat(one).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(parallel).allSatisfy(f -> assertThat(f.join().statusCode()).isEqualTo(200));
        assertThat(six).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(6 * 300));
    }

    @Test
    void should_create_the_batch_yet_drop_the_connection_when_the_post_is_ambiguous() {
        start(withFaults(0, 0, 1, 0, 1.0, 7));
        String request = batch(AGENT_A, JOHN, JANE).put("name", "agent-a 2025-08-22 10:00").toString();

        assertThatThrownBy(() -> clinicA.postOrThrow("/api/v1/calls", request)).isInstanceOf(IOException.class);

        assertThat(simulator.campaigns()).singleElement()
                .satisfies(c -> assertThat(c.name()).isEqualTo("agent-a 2025-08-22 10:00"));
        assertThat(simulator.calls()).hasSize(2);
        ApiClient.Response lookup = clinicA.get("/api/v1/calls/campaigns");
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.body().at("/data/0/name").asText()).isEqualTo("agent-a 2025-08-22 10:00");
    }

    @Test
    void should_draw_faults_from_their_seed_so_runs_repeat() {
        SimulatorFixtures fixtures = withFaults(0.3, 0.3, 1, 0, 0, 11);

        List<Integer> first = statusesOfTwentyRequests(fixtures);
        List<Integer> second = statusesOfTwentyRequests(fixtures);

        assertThat(first).contains(200, 429, 500).containsOnly(200, 429, 500);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void should_inject_no_fault_when_none_is_configured() {
        startDefault();

        for (int i = 0; i < 30; i++) {
            assertThat(clinicA.get("/api/v1/calls").status()).isEqualTo(200);
        }
        assertThat(simulator.requestCount()).isEqualTo(30);
    }

    private List<Integer> statusesOfTwentyRequests(SimulatorFixtures fixtures) {
        start(fixtures);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(clinicA.get("/api/v1/calls").status());
        }
        return statuses;
    }
}
