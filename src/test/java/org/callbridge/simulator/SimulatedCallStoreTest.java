package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.simulator.TestFixtures.AGENT_A;
import static org.callbridge.simulator.TestFixtures.JANE;
import static org.callbridge.simulator.TestFixtures.JOHN;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.Test;

/** The store and lifecycle rules on a hand-driven clock, without HTTP or a ticker thread. */
class CallStoreTest {

    private static final long LONG = 60_000;

    private final ManualClock clock = new ManualClock(Instant.parse("2025-08-22T10:00:00.000Z"));
    private Organization clinicA;

    private SimulatedCallStore store(SimulatorFixtures fixtures) {
        clinicA = new Organization(fixtures.organizations().get(0));
        return new SimulatedCallStore(List.of(clinicA), new CallLifecycle(fixtures), clock);
    }

    private static BatchRequest request(Instant scheduledAt, String... patients) {
        return new BatchRequest(AGENT_A, Arrays.stream(patients).map(p -> new BatchRequest.Entry(p, null)).toList(),
                true, null, "test", scheduledAt, null, ApiClient.JSON.createObjectNode());
    }

    @Test
    void should_stamp_ended_at_strictly_later_for_calls_ending_in_the_same_millisecond() {
        SimulatedCallStore store = store(TestFixtures.load().withTiming(TestFixtures.timing(LONG, LONG, LONG, LONG)));
        List<SimulatedCall> calls = store.createBatch(clinicA, request(null, JOHN, JANE)).calls();

        store.hangUp(clinicA, calls.get(0).callId());
        store.hangUp(clinicA, calls.get(1).callId());

        Instant first = store.call(clinicA, calls.get(0).callId()).orElseThrow().endedAt();
        Instant second = store.call(clinicA, calls.get(1).callId()).orElseThrow().endedAt();
        assertThat(first).isEqualTo(clock.instant());
        assertThat(second).isAfter(first);
    }

    @Test
    void should_pass_zero_length_statuses_in_a_single_step() {
        SimulatedCallStore store = store(TestFixtures.load().withTiming(TestFixtures.timing(0, 0, 0, 0)));
        String callId = store.createBatch(clinicA, request(null, JOHN)).calls().get(0).callId();

        store.tick();

        assertThat(store.call(clinicA, callId).orElseThrow().status()).isEqualTo("completed");
    }

    @Test
    void should_move_on_only_when_a_status_has_lasted_its_full_time() {
        SimulatedCallStore store = store(TestFixtures.load().withTiming(TestFixtures.timing(100, 200, 300, 400)));
        String callId = store.createBatch(clinicA, request(null, JOHN)).calls().get(0).callId();

        clock.advance(Duration.ofMillis(99));
        store.tick();
        String beforeTime = store.call(clinicA, callId).orElseThrow().status();
        clock.advance(Duration.ofMillis(1));
        store.tick();
        String onTime = store.call(clinicA, callId).orElseThrow().status();
        clock.advance(Duration.ofMillis(200));
        store.tick();
        clock.advance(Duration.ofMillis(300));
        store.tick();
        String summarizing = store.call(clinicA, callId).orElseThrow().status();
        clock.advance(Duration.ofMillis(400));
        store.tick();
        SimulatedCall done = store.call(clinicA, callId).orElseThrow();

        assertThat(beforeTime).isEqualTo("initiating");
        assertThat(onTime).isEqualTo("dialing");
        assertThat(summarizing).isEqualTo("summarizing");
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.endedAt()).isEqualTo(done.startedAt().plusMillis(1_000));
    }

    @Test
    void should_start_a_scheduled_call_when_the_clock_reaches_its_time() {
        SimulatedCallStore store = store(TestFixtures.load().withTiming(TestFixtures.timing(LONG, LONG, LONG, LONG)));
        Instant scheduledAt = clock.instant().plusSeconds(3_600);
        String callId = store.createBatch(clinicA, request(scheduledAt, JOHN)).calls().get(0).callId();

        clock.advance(Duration.ofMillis(3_599_999));
        store.tick();
        SimulatedCall waiting = store.call(clinicA, callId).orElseThrow();
        clock.advance(Duration.ofMillis(1));
        store.tick();
        SimulatedCall started = store.call(clinicA, callId).orElseThrow();

        assertThat(waiting.status()).isEqualTo("queued");
        assertThat(waiting.startedAt()).isNull();
        assertThat(started.status()).isEqualTo("initiating");
        assertThat(started.startedAt()).isEqualTo(scheduledAt);
    }
}
