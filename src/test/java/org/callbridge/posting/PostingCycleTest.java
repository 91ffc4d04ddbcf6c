package org.callbridge.posting;

import org.callbridge.planning.PlanningSummary;

import org.callbridge.config.Keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.posting.PlanningCycleTest.newYork;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.callbridge.appointment.EventKind;
import org.callbridge.callsapi.TransientApiException;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.simulator.SimulatedCampaign;
import org.callbridge.store.BatchClaim;
import org.callbridge.store.BatchState;
import org.callbridge.store.CallBatch;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.junit.jupiter.api.Test;

/** Due calls become batches at the simulator: grouping, waiting, calling windows and each failure path. */
class PostingCycleTest extends ClinicFixture {
    /** Due for its reminder at once on the test clock. */
    private static final String DUE_NOW = "2030-03-13T09:30";
    /** Reminder at 14:00 New York, 18:00 UTC, today. */
    private static final String AT_TWO = "2030-03-13T14:00";

    private void book(int patient, String start) {
        h.append(Visits.booked("A" + patient, Clinic.patient(patient), newYork(start)));
    }

    private static TransientApiException unavailable() {
        return new TransientApiException(503, "create calls: unavailable", null, null, null);
    }

    @Test
    void due_calls_of_one_agent_go_out_in_one_batch_with_every_call_id_recorded() {
        PostingEngine engine = h.engine(clinic.api());
        IntStream.rangeClosed(1, 5).forEach(p -> book(p, DUE_NOW));
        engine.planning().run();

        PostingSummary summary = engine.posting().run();

        assertThat(summary.batchesPosted()).isOne();
        assertThat(summary.callsPosted()).isEqualTo(5);
        SimulatedCampaign campaign = clinic.simulator().campaigns().get(0);
        assertThat(clinic.simulator().campaigns()).hasSize(1);
        assertThat(campaign.name()).startsWith("callbridge-reminder-now-");
        CallBatch batch = h.batches.findByName(campaign.name()).orElseThrow();
        assertThat(batch.state()).isEqualTo(BatchState.POSTED);
        assertThat(batch.apiBatchId()).isEqualTo(campaign.id());
        for (SimulatedCall call : clinic.simulator().calls()) {
            assertThat(call.scheduledAt()).isNull();
            PlannedCall planned = h.calls.findByCallId(call.callId()).orElseThrow();
            assertThat(planned.patientId()).isEqualTo(call.patientId());
            assertThat(planned.state()).isEqualTo(CallState.POSTED);
            assertThat(planned.apiBatchId()).isEqualTo(campaign.id());
            assertThat(call.extended().path("appointment").path("appointment_id").asText())
                    .isEqualTo(planned.appointmentKey().substring("hl7|".length()));
        }
    }

    @Test
    void a_group_larger_than_max_size_is_cut_into_batches_of_at_most_max_size() {
        PostingEngine engine = h.engine(clinic.api(), Map.of("callbridge.batch.max-size", "2"));
        IntStream.rangeClosed(1, 5).forEach(p -> book(p, DUE_NOW));
        engine.planning().run();

        engine.posting().run();

        assertThat(clinic.simulator().campaigns()).extracting(c -> c.callIds().size()).containsExactly(2, 2, 1);
        assertThat(clinic.simulator().campaigns()).extracting(SimulatedCampaign::name).doesNotHaveDuplicates();
    }

    @Test
    void calls_for_a_later_slot_are_posted_with_the_slot_as_scheduled_at() {
        PostingEngine engine = h.engine(clinic.api());
        IntStream.rangeClosed(1, 3).forEach(p -> book(p, AT_TWO));
        book(4, "2030-03-13T15:00");
        engine.planning().run();

        engine.posting().run();

        assertThat(clinic.simulator().campaigns()).extracting(c -> c.callIds().size()).containsExactlyInAnyOrder(3, 1);
        assertThat(clinic.simulator().campaigns()).anySatisfy(c -> assertThat(c.name()).contains("-20300312T1800Z-"));
        assertThat(clinic.simulator().calls()).extracting(SimulatedCall::scheduledAt).containsExactlyInAnyOrder(
                Instant.parse("2030-03-12T18:00:00Z"), Instant.parse("2030-03-12T18:00:00Z"),
                Instant.parse("2030-03-12T18:00:00Z"), Instant.parse("2030-03-12T19:00:00Z"));
    }

    @Test
    void a_small_group_waits_for_max_wait_before_it_is_posted() {
        PostingEngine engine = h.engine(clinic.api(), Map.of(Keys.BATCH_MAX_WAIT.key(), "PT5M"));
        book(1, DUE_NOW);
        engine.planning().run();

        engine.posting().run();
        clock.advance(Duration.ofMinutes(4));
        engine.posting().run();
        long before = clinic.simulator().requestCount();
        clock.advance(Duration.ofMinutes(1));
        engine.posting().run();

        assertThat(before).isZero();
        assertThat(clinic.simulator().calls()).hasSize(1);
    }

    @Test
    void a_call_cancelled_between_its_claim_and_the_post_is_never_posted() {
        PostingEngine engine = h.engine(clinic.api());
        book(1, DUE_NOW);
        book(2, DUE_NOW);
        engine.planning().run();
        h.batches.claim(new BatchClaim("claimed-earlier", Clinic.AGENT, null, null, null, 10)).orElseThrow();
        h.append(Visits.event(EventKind.CANCEL, "A1", Clinic.patient(1), newYork(DUE_NOW)));

        PlanningSummary cancel = engine.planning().run();
        engine.posting().run();

        assertThat(cancel.pendingRemoved()).isOne();
        assertThat(clinic.simulator().calls()).extracting(SimulatedCall::patientId).containsExactly(Clinic.patient(2));
    }

    @Test
    void a_cancel_stored_before_the_post_wins_even_before_it_is_planned() {
        PostingEngine engine = h.engine(clinic.api());
        book(1, DUE_NOW);
        book(2, DUE_NOW);
        engine.planning().run();
        h.append(Visits.event(EventKind.CANCEL, "A1", Clinic.patient(1), newYork(DUE_NOW)));

        PostingSummary posting = engine.posting().run();
        engine.planning().run();

        assertThat(posting.callsWithdrawn()).isOne();
        assertThat(clinic.simulator().calls()).extracting(SimulatedCall::patientId).containsExactly(Clinic.patient(2));
        assertThat(h.callsOf("A1")).extracting(PlannedCall::state).containsExactly(CallState.CANCELLED, CallState.SKIPPED);
    }

    @Test
    void a_call_whose_window_closed_while_its_batch_was_parked_waits_for_the_next_opening() {
        clock.set(Instant.parse("2030-03-13T00:50:00Z")); // 20:50 in New York
        ScriptedApi api = new ScriptedApi(clinic.api()).failNextPosts(3, PostingCycleTest::unavailable);
        PostingEngine engine = h.engine(api);
        book(1, "2030-03-13T20:00");
        engine.planning().run();
        engine.posting().run();
        clock.advance(Duration.ofMinutes(20)); // 21:10: closed

        PostingSummary retry = engine.posting().run();
        // the reminder goes back to the planner, which places it again at the next opening its rules allow
        engine.planning().run();

        Instant opening = Instant.parse("2030-03-13T12:00:00Z"); // 08:00 in New York
        assertThat(retry.callsRequeued()).isOne();
        assertThat(api.posts.get()).isEqualTo(3);
        assertThat(h.live("A1")).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.PENDING);
            assertThat(c.callAt()).isEqualTo(opening);
        });
        assertThat(clinic.simulator().calls()).isEmpty();
        engine.posting().run();
        // within the post-ahead horizon (12 hours here): posted now, to ring at the opening
        assertThat(clinic.simulator().calls()).singleElement().extracting(SimulatedCall::scheduledAt).isEqualTo(opening);
        assertThat(h.callsOf("A1")).extracting(PlannedCall::state).containsOnly(CallState.POSTED);
    }

    @Test
    void a_slot_missed_while_parked_is_posted_to_call_at_once_never_with_a_past_scheduled_at() {
        ScriptedApi api = new ScriptedApi(clinic.api()).failNextPosts(3, PostingCycleTest::unavailable);
        PostingEngine engine = h.engine(api);
        book(1, AT_TWO);
        engine.planning().run();
        engine.posting().run();
        clock.set(Instant.parse("2030-03-12T18:30:00Z"));

        PostingSummary retry = engine.posting().run();

        assertThat(retry.batchesPosted()).isOne();
        assertThat(h.batches.batchesIn(BatchState.POSTED)).singleElement().extracting(CallBatch::scheduledAt)
                .isEqualTo(Instant.parse("2030-03-12T18:00:00Z"));
        assertThat(clinic.simulator().calls()).singleElement().extracting(SimulatedCall::scheduledAt).isNull();
    }

    @Test
    void a_400_for_two_patients_rejects_them_with_the_api_reasons_and_posts_the_other_eight() {
        PostingEngine engine = h.engine(clinic.api());
        IntStream.rangeClosed(1, 8).forEach(p -> book(p, DUE_NOW));
        h.append(Visits.booked("NOPHONE", Clinic.NO_PHONE, newYork(DUE_NOW)));
        h.append(Visits.booked("UNKNOWN", Clinic.UNKNOWN, newYork(DUE_NOW)));
        engine.planning().run();

        PostingSummary summary = engine.posting().run();

        assertThat(summary.callsPosted()).isEqualTo(8);
        assertThat(summary.callsRejected()).isEqualTo(2);
        assertThat(clinic.simulator().calls()).hasSize(8)
                .extracting(SimulatedCall::patientId).doesNotContain(Clinic.NO_PHONE, Clinic.UNKNOWN);
        assertThat(clinic.simulator().campaigns()).singleElement().satisfies(c ->
                assertThat(h.batches.findByName(c.name()).orElseThrow().state()).isEqualTo(BatchState.POSTED));
        assertThat(h.callsOf("UNKNOWN")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.REJECTED);
            assertThat(c.reason()).isEqualTo("refused by the Calls API: patientId: Patient not found");
        });
        assertThat(h.callsOf("NOPHONE")).singleElement().extracting(PlannedCall::reason)
                .isEqualTo("refused by the Calls API: One or more patients are missing a phone number");
        assertThat(engine.alerts().current().rejected()).hasSize(2);
    }

    @Test
    void a_batch_that_keeps_failing_is_parked_and_posted_on_a_later_cycle_never_dropped() {
        ScriptedApi api = new ScriptedApi(clinic.api()).failNextPosts(3, PostingCycleTest::unavailable);
        PostingEngine engine = h.engine(api);
        IntStream.rangeClosed(1, 3).forEach(p -> book(p, DUE_NOW));
        engine.planning().run();

        PostingSummary first = engine.posting().run();
        CallBatch parked = h.batches.batchesIn(BatchState.PARKED).get(0);
        clock.advance(Duration.ofMinutes(4));
        PostingSummary tooEarly = engine.posting().run();
        clock.advance(Duration.ofMinutes(1));
        PostingSummary later = engine.posting().run();

        assertThat(first.batchesParked()).isOne();
        assertThat(parked.lastError()).contains("unavailable");
        assertThat(h.batches.callsIn(parked.id())).hasSize(3);
        assertThat(tooEarly.unparked()).isZero();
        assertThat(later.unparked()).isOne();
        assertThat(later.callsPosted()).isEqualTo(3);
        assertThat(h.batches.find(parked.id()).orElseThrow().state()).isEqualTo(BatchState.POSTED);
        assertThat(clinic.simulator().campaigns()).singleElement().extracting(SimulatedCampaign::name)
                .isEqualTo(parked.name());
    }

    @Test
    void a_refused_api_key_parks_the_batch_until_an_operator_unparks_it() {
        PostingEngine wrongKey = h.engine(clinic.apiWithKey("not-a-key"));
        book(1, DUE_NOW);
        wrongKey.planning().run();

        PostingSummary refused = wrongKey.posting().run();
        PostingEngine fixed = h.engine(clinic.api());
        int unparked = h.batches.unparkAll(); // what retry-parked does
        PostingSummary retried = fixed.posting().run();

        assertThat(refused.batchesParked()).isOne();
        assertThat(h.batches.batchesIn(BatchState.POSTED)).singleElement().extracting(CallBatch::lastError).isNull();
        assertThat(unparked).isOne();
        assertThat(retried.callsPosted()).isOne();
        assertThat(clinic.simulator().calls()).hasSize(1);
    }

    @Test
    void a_parked_batch_keeps_the_reason_for_the_operator() {
        book(1, DUE_NOW);
        PostingEngine wrongKey = h.engine(clinic.apiWithKey("not-a-key"));
        wrongKey.planning().run();

        wrongKey.posting().run();

        assertThat(wrongKey.alerts().current().parked()).singleElement().satisfies(b ->
                assertThat(b.lastError()).contains("API key not accepted").doesNotContain("not-a-key"));
    }

    @Test
    void a_patient_with_two_due_appointments_gets_them_in_two_batches() {
        PostingEngine engine = h.engine(clinic.api(), Map.of(Keys.CAPS_PER_DAY.key(), "0"));
        h.append(Visits.booked("B1", Clinic.patient(1), newYork(DUE_NOW)));
        h.append(Visits.booked("B2", Clinic.patient(1), newYork("2030-03-13T10:00")));
        book(2, DUE_NOW);
        engine.planning().run();

        PostingSummary summary = engine.posting().run();

        assertThat(summary.batchesPosted()).isEqualTo(2);
        assertThat(summary.callsRequeued()).isOne();
        assertThat(clinic.simulator().campaigns()).extracting(c -> c.callIds().size()).containsExactly(2, 1);
        List<PlannedCall> posted = h.calls.callsInState(CallState.POSTED);
        assertThat(posted).hasSize(3).extracting(PlannedCall::callId).doesNotHaveDuplicates();
    }
}
