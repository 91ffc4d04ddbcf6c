package org.callbridge.posting;

import org.callbridge.planning.PlanningSummary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.callbridge.posting.PlanningCycleTest.NOW;
import static org.callbridge.posting.PlanningCycleTest.newYork;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.callbridge.appointment.EventKind;
import org.callbridge.callsapi.TransientApiException;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.store.CallState;
import org.callbridge.store.EventStore;
import org.callbridge.store.PlannedCall;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cancellations and moves after a call was claimed, sent or posted: the cancel always wins or is recorded. */
class WithdrawalTest {
    /** Due for its reminder at once on the test clock. */
    private static final String START = "2030-03-13T09:30";

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(NOW);
    private Harness h;

    @BeforeEach
    void open() {
        h = new Harness(dir, clock);
    }

    @AfterEach
    void close() {
        h.close();
    }

    private void book(PostingEngine engine, String appointmentId) {
        h.append(Visits.booked(appointmentId, Clinic.patient(1), newYork(START)));
        engine.planning().run();
        engine.posting().run();
    }

    private long cancel(String appointmentId) {
        return h.append(Visits.event(EventKind.CANCEL, appointmentId, Clinic.patient(1), newYork(START)));
    }

    private static SimulatedCall onlyCall(Clinic clinic) {
        List<SimulatedCall> calls = clinic.simulator().calls();
        assertThat(calls).hasSize(1);
        return calls.get(0);
    }

    private static void awaitStatus(Clinic clinic, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> status.equals(onlyCall(clinic).status()));
    }

    @Test
    void a_cancel_after_posting_hangs_up_a_call_that_is_still_ringing() {
        try (Clinic clinic = Clinic.start(3, Clinic.timing(0.01, 60), "{}")) {
            PostingEngine engine = h.engine(clinic.api());
            book(engine, "A1");
            awaitStatus(clinic, "dialing");
            cancel("A1");

            PlanningSummary summary = engine.planning().run();

            assertThat(summary.hungUp()).isOne();
            assertThat(h.callsOf("A1").get(0)).satisfies(c -> {
                assertThat(c.state()).isEqualTo(CallState.WITHDRAWN);
                assertThat(c.reason()).contains("hung up while dialing");
            });
            assertThat(onlyCall(clinic).status()).isEqualTo("failed");
        }
    }

    @Test
    void a_cancel_after_the_call_ended_is_recorded_as_not_withdrawn_for_the_alerts_report() {
        try (Clinic clinic = Clinic.start(3, 0.01)) {
            PostingEngine engine = h.engine(clinic.api());
            book(engine, "A1");
            awaitStatus(clinic, "completed");
            cancel("A1");

            PlanningSummary summary = engine.planning().run();

            assertThat(summary.notWithdrawn()).isOne();
            PlannedCall call = h.callsOf("A1").get(0);
            assertThat(call.state()).isEqualTo(CallState.NOT_WITHDRAWN);
            assertThat(call.reason()).contains("the call was completed");
            assertThat(engine.alerts().notWithdrawn()).extracting(PlannedCall::id).containsExactly(call.id());
            assertThat(engine.alerts().current().notWithdrawn()).hasSize(1);
        }
    }

    @Test
    void a_reschedule_after_posting_hangs_up_the_old_call_and_plans_the_new_one() {
        try (Clinic clinic = Clinic.start(3, Clinic.timing(0.01, 60), "{}")) {
            PostingEngine engine = h.engine(clinic.api());
            book(engine, "A1");
            long posted = h.callsOf("A1").get(0).id();
            awaitStatus(clinic, "dialing");
            h.append(Visits.event(EventKind.RESCHEDULE, "A1", Clinic.patient(1), newYork("2030-03-14T14:00")));

            engine.planning().run();

            assertThat(h.calls.find(posted).orElseThrow().state()).isEqualTo(CallState.WITHDRAWN);
            assertThat(h.live("A1").callAt()).isEqualTo(Instant.parse("2030-03-13T18:00:00Z"));
            assertThat(onlyCall(clinic).status()).isEqualTo("failed");
        }
    }

    @Test
    void a_change_that_keeps_the_time_of_a_posted_call_places_no_second_call() {
        try (Clinic clinic = Clinic.start(3, 0.05)) {
            PostingEngine engine = h.engine(clinic.api());
            book(engine, "A1");
            long modify = h.append(Visits.event(EventKind.MODIFY, "A1", Clinic.patient(1), newYork(START),
                    "Main Campus", "Dr. Other"));

            engine.planning().run();
            engine.posting().run();

            assertThat(h.events.find(modify).orElseThrow().stateReason()).contains("already posted");
            assertThat(h.callsOf("A1")).extracting(PlannedCall::state)
                    .containsExactly(CallState.POSTED, CallState.SKIPPED);
            assertThat(clinic.simulator().calls()).hasSize(1);
        }
    }

    @Test
    void events_that_arrive_while_the_call_is_being_posted_wait_and_then_apply_in_order() {
        try (Clinic clinic = Clinic.start(3, Clinic.timing(0.01, 60), "{}")) {
            ScriptedApi api = new ScriptedApi(clinic.api());
            PostingEngine engine = h.engine(api);
            AtomicReference<PlanningSummary> duringPost = new AtomicReference<>();
            long[] events = new long[2];
            api.beforeEachPost(() -> {
                events[0] = cancel("A1");
                events[1] = h.append(Visits.event(EventKind.RESCHEDULE, "A1", Clinic.patient(1),
                        newYork("2030-03-14T14:00")));
                duringPost.set(engine.planning().run());
            });

            book(engine, "A1");
            long posted = h.callsOf("A1").get(0).id();
            awaitStatus(clinic, "dialing");
            PlanningSummary after = engine.planning().run();

            assertThat(duringPost.get().deferred()).isEqualTo(2);
            assertThat(after.hungUp()).isOne();
            assertThat(after.planned()).isOne();
            assertThat(h.calls.find(posted).orElseThrow().state()).isEqualTo(CallState.WITHDRAWN);
            assertThat(h.events.find(events[0]).orElseThrow().state()).isEqualTo(EventStore.SKIPPED);
            assertThat(h.live("A1").eventId()).isEqualTo(events[1]);
        }
    }

    @Test
    void a_cancel_that_arrives_while_the_batch_is_parked_wins_over_its_retry() {
        try (Clinic clinic = Clinic.start(3, 0.05)) {
            ScriptedApi api = new ScriptedApi(clinic.api())
                    .failNextPosts(3, () -> new TransientApiException(503, "create calls: unavailable", null, null, null));
            PostingEngine engine = h.engine(api);
            book(engine, "A1");
            PlannedCall parked = h.live("A1");
            long cancel = cancel("A1");

            PlanningSummary whileParked = engine.planning().run();
            clock.advance(Duration.ofMinutes(5));
            PostingSummary retry = engine.posting().run();
            engine.planning().run();

            assertThat(parked.state()).isEqualTo(CallState.SENDING);
            assertThat(whileParked.deferred()).isOne();
            assertThat(retry.unparked()).isOne();
            assertThat(retry.callsWithdrawn()).isOne();
            assertThat(h.calls.find(parked.id()).orElseThrow()).satisfies(c -> {
                assertThat(c.state()).isEqualTo(CallState.CANCELLED);
                assertThat(c.reason()).contains("event " + cancel);
            });
            assertThat(h.events.find(cancel).orElseThrow().state()).isEqualTo(EventStore.SKIPPED);
            assertThat(clinic.simulator().calls()).isEmpty();
            assertThat(api.posts.get()).isEqualTo(3);
        }
    }
}
