package org.callbridge.callsapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.callbridge.callsapi.SimulatorFixturesForTests.AGENT_A;
import static org.callbridge.callsapi.SimulatorFixturesForTests.KEY_A;
import static org.callbridge.callsapi.SimulatorFixturesForTests.PATIENT_1;

import java.time.Duration;
import java.util.List;
import org.callbridge.callsapi.model.Campaign;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.PatientEntry;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** The client against a misbehaving simulator: each fault kind becomes the exception a route must handle. */
class CallsApiFaultsTest {
    private static final CreateCallsRequest ONE_CALL =
            CreateCallsRequest.batch("faulty", AGENT_A, List.of(new PatientEntry(PATIENT_1, null)), null);

    @Test
    void should_report_server_errors_as_transient() {
        try (CallsApiSimulator sim = SimulatorFixturesForTests.start("{\"errorRate\": 1.0}")) {
            assertThatThrownBy(() -> SimulatorFixturesForTests.client(sim, KEY_A).createCalls(ONE_CALL))
                    .isInstanceOfSatisfying(TransientApiException.class, e -> assertThat(e.status()).isEqualTo(500));
            assertThat(sim.campaigns()).isEmpty();
        }
    }

    @Test
    void should_report_throttling_as_transient_with_retry_after() {
        try (CallsApiSimulator sim = SimulatorFixturesForTests.start("{\"throttleRate\": 1.0, \"retryAfterSeconds\": 3}")) {
            assertThatThrownBy(() -> SimulatorFixturesForTests.client(sim, KEY_A).listCalls(1, 10, null))
                    .isInstanceOfSatisfying(TransientApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(429);
                        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
                    });
        }
    }

    @Test
    void should_report_a_lost_post_answer_as_ambiguous_while_the_batch_exists() {
        try (CallsApiSimulator sim = SimulatorFixturesForTests.start("{\"ambiguousRate\": 1.0}")) {
            CallsApiClient client = SimulatorFixturesForTests.client(sim, KEY_A);

            assertThatThrownBy(() -> client.createCalls(ONE_CALL)).isInstanceOf(AmbiguousResultException.class);

            assertThat(client.listCampaigns(1, 500).data()).extracting(Campaign::name).containsExactly("faulty");
        }
    }

    @Test
    void should_report_a_slow_post_as_ambiguous_and_a_slow_read_as_transient() {
        try (CallsApiSimulator sim = SimulatorFixturesForTests.start("{\"latencyMillis\": 1500}")) {
            CallsApiClient impatient = new CallsApiClient(CallsApiSettings.of(sim.baseUrl(), KEY_A).withRequestTimeout(Duration.ofMillis(200)));

            assertThatThrownBy(() -> impatient.createCalls(ONE_CALL)).isInstanceOf(AmbiguousResultException.class);
            assertThatThrownBy(() -> impatient.listCalls(1, 10, null)).isInstanceOf(TransientApiException.class);
        }
    }

    @Test
    void should_answer_slowly_but_correctly_within_the_timeout() {
        try (CallsApiSimulator sim = SimulatorFixturesForTests.start("{\"latencyMillis\": 100}")) {
            assertThat(SimulatorFixturesForTests.client(sim, KEY_A).createCalls(ONE_CALL).calls()).hasSize(1);
        }
    }

    @Test
    void should_report_a_refused_connection_as_transient() throws Exception {
        int freePort = FreePorts.next();
        CallsApiClient client = new CallsApiClient(CallsApiSettings.of("http://127.0.0.1:" + freePort, KEY_A));

        assertThatThrownBy(() -> client.createCalls(ONE_CALL)).isInstanceOf(TransientApiException.class);
    }

    @Test
    void should_retry_transient_failures_until_one_succeeds() {
        try (CallsApiSimulator sim = SimulatorFixturesForTests.start("{\"errorRate\": 0.5, \"seed\": 5}")) {
            CallsApiClient client = SimulatorFixturesForTests.client(sim, KEY_A);
            TransientRetry retry = new TransientRetry("test", 20, Duration.ofMillis(5), Duration.ofMillis(20));

            for (int i = 0; i < 5; i++) {
                assertThat(retry.call(() -> client.createCalls(ONE_CALL)).calls()).hasSize(1);
            }
            assertThat(sim.campaigns()).hasSize(5);
            assertThat(sim.requestCount()).isGreaterThan(5);
        }
    }

    @Test
    void should_stop_retrying_after_the_bound_and_rethrow() {
        try (CallsApiSimulator sim = SimulatorFixturesForTests.start("{\"throttleRate\": 1.0, \"retryAfterSeconds\": 0}")) {
            CallsApiClient client = SimulatorFixturesForTests.client(sim, KEY_A);
            TransientRetry retry = new TransientRetry("test", 4, Duration.ofMillis(5), Duration.ofMillis(20));

            assertThatThrownBy(() -> retry.call(() -> client.createCalls(ONE_CALL))).isInstanceOf(TransientApiException.class);
            assertThat(sim.requestCount()).isEqualTo(4);
        }
    }

    @Test
    void should_never_retry_an_ambiguous_post() {
        try (CallsApiSimulator sim = SimulatorFixturesForTests.start("{\"ambiguousRate\": 1.0}")) {
            CallsApiClient client = SimulatorFixturesForTests.client(sim, KEY_A);
            TransientRetry retry = new TransientRetry("test", 5, Duration.ofMillis(5), Duration.ofMillis(20));

            assertThatThrownBy(() -> retry.call(() -> client.createCalls(ONE_CALL))).isInstanceOf(AmbiguousResultException.class);
            assertThat(sim.campaigns()).hasSize(1);
        }
    }
}
