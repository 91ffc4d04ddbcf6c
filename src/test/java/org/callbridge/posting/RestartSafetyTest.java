package org.callbridge.posting;

import org.callbridge.callsapi.CallsApi;

import org.callbridge.config.Keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.posting.PlanningCycleTest.newYork;

import java.time.Duration;
import java.util.Map;
import java.util.stream.IntStream;
import org.callbridge.callsapi.AmbiguousResultException;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.store.BatchClaim;
import org.callbridge.store.BatchState;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.junit.jupiter.api.Test;

/** A restart at any point of posting, a crash between the POST and its commit included, never posts a batch twice. */
class RestartSafetyTest extends ClinicFixture {

    private void bookTen() {
        IntStream.rangeClosed(1, 10).forEach(p ->
                h.append(Visits.booked("A" + p, Clinic.patient(p), newYork("2030-03-13T09:30"))));
    }

    /** Closes the database and opens it again with a fresh engine, as a new process would. */
    private PostingEngine restart(CallsApi api, Map<String, String> settings) {
        h.close();
        h = new Harness(dir, clock);
        return h.engine(api, settings);
    }

    @Test
    void a_crash_between_the_post_and_its_commit_is_settled_at_start_up_by_adopting_the_batch() {
        ScriptedApi dying = new ScriptedApi(clinic.api()).afterEachPost(() -> {
            throw new IllegalStateException("process died before the commit");
        });
        PostingEngine before = h.engine(dying);
        bookTen();
        before.planning().run();
        before.posting().run();
        assertThat(h.batches.batchesIn(BatchState.SENDING)).hasSize(1);
        assertThat(clinic.simulator().calls()).hasSize(10);

        PostingEngine after = restart(clinic.api(), Map.of());
        PostingSummary startUp = after.reconciler().reconcileOnStartup();
        after.posting().run();

        assertThat(startUp.batchesAdopted()).isOne();
        assertThat(startUp.batchesPosted()).isZero();
        assertThat(startUp.callsPosted()).isEqualTo(10);
        assertThat(clinic.simulator().campaigns()).hasSize(1);
        assertThat(clinic.simulator().calls()).hasSize(10);
        for (SimulatedCall call : clinic.simulator().calls()) {
            PlannedCall planned = h.calls.findByCallId(call.callId()).orElseThrow();
            assertThat(planned.patientId()).isEqualTo(call.patientId());
            assertThat(planned.state()).isEqualTo(CallState.POSTED);
        }
    }

    @Test
    void a_post_that_never_left_before_a_crash_is_posted_once_at_start_up() {
        ScriptedApi dying = new ScriptedApi(clinic.api())
                .failNextPosts(1, () -> new IllegalStateException("process died before sending"));
        PostingEngine before = h.engine(dying);
        bookTen();
        before.planning().run();
        before.posting().run();

        PostingSummary startUp = restart(clinic.api(), Map.of()).reconciler().reconcileOnStartup();

        assertThat(startUp.batchesPosted()).isOne();
        assertThat(clinic.simulator().campaigns()).hasSize(1);
        assertThat(clinic.simulator().calls()).hasSize(10);
    }

    @Test
    void a_batch_claimed_before_a_crash_is_posted_at_start_up() {
        PostingEngine before = h.engine(clinic.api());
        bookTen();
        before.planning().run();
        h.batches.claim(new BatchClaim("callbridge-reminder-now-claimed", Clinic.AGENT, null, null, null, 100));

        PostingSummary startUp = restart(clinic.api(), Map.of()).reconciler().reconcileOnStartup();

        assertThat(startUp.callsPosted()).isEqualTo(10);
        assertThat(clinic.simulator().campaigns()).singleElement().satisfies(c ->
                assertThat(c.name()).isEqualTo("callbridge-reminder-now-claimed"));
    }

    @Test
    void an_unanswered_post_is_posted_again_only_after_the_settle_time_and_a_look_up() {
        ScriptedApi silent = new ScriptedApi(clinic.api())
                .failNextPosts(1, () -> new AmbiguousResultException("create calls: no answer", null));
        Map<String, String> settle = Map.of(Keys.BATCH_SETTLE_TIME.key(), "PT1M");
        PostingEngine before = h.engine(silent, settle);
        bookTen();
        before.planning().run();

        PostingSummary unanswered = before.posting().run();
        PostingEngine after = restart(clinic.api(), settle);
        PostingSummary tooSoon = after.reconciler().reconcileOnStartup();
        clock.advance(Duration.ofMinutes(1));
        PostingSummary settled = after.posting().run();

        assertThat(unanswered.callsPosted()).isZero();
        assertThat(tooSoon.callsPosted()).isZero();
        assertThat(h.batches.batchesIn(BatchState.POSTED)).hasSize(1);
        assertThat(settled.batchesPosted()).isOne();
        assertThat(clinic.simulator().campaigns()).hasSize(1);
        assertThat(clinic.simulator().calls()).hasSize(10);
    }

    @Test
    void a_lost_answer_is_found_by_name_and_adopted_instead_of_posted_again() {
        try (Clinic losing = Clinic.start(20, 0.05, "{\"ambiguousRate\": 1.0}")) {
            PostingEngine engine = h.engine(losing.api());
            bookTen();
            engine.planning().run();

            PostingSummary summary = engine.posting().run();

            assertThat(summary.batchesAdopted()).isOne();
            assertThat(summary.callsPosted()).isEqualTo(10);
            assertThat(losing.simulator().campaigns()).hasSize(1);
            assertThat(losing.simulator().calls()).hasSize(10);
            assertThat(h.calls.callsInState(CallState.POSTED)).hasSize(10)
                    .extracting(PlannedCall::callId).doesNotHaveDuplicates();
        }
    }
}
