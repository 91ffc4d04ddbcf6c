package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Planning: one decision per event, one live call per appointment, local cancellation. */
interface CallStoreContract extends StoreFixture {

    Instant CALL_AT = Samples.T0.plus(Duration.ofHours(20));
    Instant DUE_AT = Samples.T0.plus(Duration.ofHours(8));

    private long appendEvent(String appointmentId) {
        return events().append(Samples.event(appointmentId)).id();
    }

    @Test
    default void planning_a_call_makes_it_pending_and_marks_the_event_planned() {
        long event = appendEvent("A1");

        PlanResult result = calls().plan(Samples.call(event, "hl7|A1", CALL_AT, DUE_AT));

        assertThat(result.outcome()).isEqualTo(PlanResult.Outcome.PLANNED);
        PlannedCall call = calls().find(result.id()).orElseThrow();
        assertThat(call.state()).isEqualTo(CallState.PENDING);
        assertThat(call.eventId()).isEqualTo(event);
        assertThat(call.callAt()).isEqualTo(CALL_AT);
        assertThat(call.dueAt()).isEqualTo(DUE_AT);
        assertThat(call.extendedJson()).contains("General Check Up");
        assertThat(calls().liveCall("hl7|A1")).get().extracting(PlannedCall::id).isEqualTo(result.id());
        assertThat(events().find(event).orElseThrow().state()).isEqualTo(EventStore.PLANNED);
    }

    @Test
    default void a_planned_call_keeps_the_zone_it_was_planned_in() {
        long id = calls().plan(Samples.call(appendEvent("A1"), "hl7|A1", CALL_AT, DUE_AT)).id();

        assertThat(calls().find(id).orElseThrow().patientZone()).isEqualTo("Europe/Paris");
        reopen();
        assertThat(calls().find(id).orElseThrow().patientZone()).isEqualTo("Europe/Paris");
    }

    @Test
    default void planning_the_same_event_twice_returns_the_first_call() {
        long event = appendEvent("A1");
        long first = calls().plan(Samples.call(event, "hl7|A1", CALL_AT, DUE_AT)).id();

        PlanResult again = calls().plan(Samples.call(event, "hl7|A1", CALL_AT.plusSeconds(60), DUE_AT));

        assertThat(again).isEqualTo(new PlanResult(PlanResult.Outcome.ALREADY_PLANNED, first, null));
        assertThat(calls().callsFor("hl7|A1")).hasSize(1);
    }

    @Test
    default void a_reschedule_supersedes_the_pending_call() {
        long first = calls().plan(Samples.call(appendEvent("A1"), "hl7|A1", CALL_AT, DUE_AT)).id();
        long moved = events().append(Samples.reschedule("A1", 2)).id();

        PlanResult result = calls().plan(Samples.call(moved, "hl7|A1", CALL_AT.plusSeconds(7200), DUE_AT));

        assertThat(result.outcome()).isEqualTo(PlanResult.Outcome.PLANNED);
        assertThat(result.supersededId()).isEqualTo(first);
        assertThat(calls().find(first).orElseThrow().state()).isEqualTo(CallState.SUPERSEDED);
        assertThat(calls().liveCall("hl7|A1")).get().extracting(PlannedCall::id).isEqualTo(result.id());
    }

    @Test
    default void a_call_being_sent_blocks_planning_until_it_is_resolved() {
        long first = calls().plan(Samples.call(appendEvent("A1"), "hl7|A1", CALL_AT, DUE_AT)).id();
        clock().advance(Duration.ofHours(9));
        CallBatch batch = batches().claim(new BatchClaim("b-1", Samples.AGENT, null, null, null, 10)).orElseThrow();
        batches().markSending(batch.id());
        long moved = events().append(Samples.reschedule("A1", 2)).id();

        PlanResult blocked = calls().plan(Samples.call(moved, "hl7|A1", CALL_AT.plusSeconds(7200), DUE_AT));

        assertThat(blocked).isEqualTo(new PlanResult(PlanResult.Outcome.BLOCKED, first, null));
        assertThat(events().find(moved).orElseThrow().state()).isEqualTo(EventStore.RECEIVED);
        batches().recordPosted(batch.id(), "api-1", List.of(new PostedCall(first, "call-1", "queued")));
        assertThat(calls().plan(Samples.call(moved, "hl7|A1", CALL_AT.plusSeconds(7200), DUE_AT)).outcome())
                .isEqualTo(PlanResult.Outcome.PLANNED);
    }

    @Test
    default void an_appointment_never_has_two_live_calls_even_when_planners_race() throws Exception {
        List<Long> eventIds = new ArrayList<>();
        eventIds.add(appendEvent("A1"));
        for (int h = 1; h < 8; h++) {
            eventIds.add(events().append(Samples.reschedule("A1", h)).id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<PlanResult>> futures = new ArrayList<>();
            for (long eventId : eventIds) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return calls().plan(Samples.call(eventId, "hl7|A1", CALL_AT, DUE_AT));
                }));
            }
            start.countDown();
            for (Future<PlanResult> f : futures) {
                assertThat(f.get(60, TimeUnit.SECONDS).outcome()).isEqualTo(PlanResult.Outcome.PLANNED);
            }
        } finally {
            pool.shutdownNow();
        }

        List<PlannedCall> all = calls().callsFor("hl7|A1");
        assertThat(all).hasSize(8);
        assertThat(all).filteredOn(c -> c.state().isLive()).hasSize(1);
        assertThat(all).filteredOn(c -> c.state() == CallState.SUPERSEDED).hasSize(7);
    }

    @Test
    default void skipping_records_the_reason_once() {
        long event = appendEvent("A1");

        assertThat(calls().skip(event, "hl7|A1", "appointment in the past")).isTrue();
        assertThat(calls().skip(event, "hl7|A1", "again")).isFalse();

        assertThat(calls().callsFor("hl7|A1")).singleElement().satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.SKIPPED);
            assertThat(c.reason()).isEqualTo("appointment in the past");
        });
        assertThat(calls().liveCall("hl7|A1")).isEmpty();
        assertThat(events().find(event).orElseThrow().stateReason()).isEqualTo("appointment in the past");
        assertThat(calls().plan(Samples.call(event, "hl7|A1", CALL_AT, DUE_AT)).outcome())
                .isEqualTo(PlanResult.Outcome.ALREADY_PLANNED);
    }

    @Test
    default void a_cancel_before_posting_removes_the_pending_call() {
        long id = calls().plan(Samples.call(appendEvent("A1"), "hl7|A1", CALL_AT, DUE_AT)).id();

        Withdrawal w = calls().cancelLive("hl7|A1", "cancelled by S15");

        assertThat(w).isEqualTo(new Withdrawal(Withdrawal.Outcome.CANCELLED, id));
        assertThat(calls().find(id).orElseThrow().state()).isEqualTo(CallState.CANCELLED);
        assertThat(calls().liveCall("hl7|A1")).isEmpty();
        assertThat(calls().cancelLive("hl7|A1", "again")).isEqualTo(new Withdrawal(Withdrawal.Outcome.NONE, null));
    }

    @Test
    default void a_cancel_while_sending_reports_the_call_in_flight_and_keeps_it() {
        long id = calls().plan(Samples.call(appendEvent("A1"), "hl7|A1", CALL_AT, DUE_AT)).id();
        clock().advance(Duration.ofHours(9));
        long batch = batches().claim(new BatchClaim("b-1", Samples.AGENT, null, null, null, 10)).orElseThrow().id();
        batches().markSending(batch);

        Withdrawal w = calls().cancelLive("hl7|A1", "cancelled by S15");

        assertThat(w).isEqualTo(new Withdrawal(Withdrawal.Outcome.IN_FLIGHT, id));
        assertThat(calls().find(id).orElseThrow().state()).isEqualTo(CallState.SENDING);
    }

    @Test
    default void a_posted_call_ends_withdrawn_or_not_withdrawn() {
        long a = calls().plan(Samples.call(appendEvent("A1"), "hl7|A1", CALL_AT, DUE_AT)).id();
        long b = calls().plan(Samples.call(appendEvent("A2"), "hl7|A2", CALL_AT, DUE_AT)).id();
        clock().advance(Duration.ofHours(9));
        long batch = batches().claim(new BatchClaim("b-1", Samples.AGENT, null, null, null, 10)).orElseThrow().id();
        batches().markSending(batch);
        batches().recordPosted(batch, "api-1", List.of(new PostedCall(a, "call-a", "initiating"),
                new PostedCall(b, "call-b", "initiating")));

        assertThat(calls().markWithdrawn(a, true, "hung up after S15")).isTrue();
        assertThat(calls().markWithdrawn(b, false, "Call was not in a status that could be hung up")).isTrue();
        assertThat(calls().markWithdrawn(a, false, "twice")).isFalse();

        assertThat(calls().findByCallId("call-a").orElseThrow().state()).isEqualTo(CallState.WITHDRAWN);
        assertThat(calls().findByCallId("call-b").orElseThrow().state()).isEqualTo(CallState.NOT_WITHDRAWN);
        assertThat(calls().countByState()).containsEntry(CallState.WITHDRAWN, 1L).containsEntry(CallState.NOT_WITHDRAWN, 1L);
    }

    @Test
    default void due_pending_calls_are_listed_earliest_call_first_up_to_the_limit() {
        long late = calls().plan(Samples.call(appendEvent("A1"), "hl7|A1", CALL_AT.plusSeconds(60), DUE_AT)).id();
        long early = calls().plan(Samples.call(appendEvent("A2"), "hl7|A2", CALL_AT, DUE_AT)).id();
        calls().plan(Samples.call(appendEvent("A3"), "hl7|A3", CALL_AT, DUE_AT.plusSeconds(1)));
        long third = calls().plan(Samples.call(appendEvent("A4"), "hl7|A4", CALL_AT.plusSeconds(120), DUE_AT)).id();
        clock().advance(Duration.ofHours(8));

        assertThat(calls().duePending(10)).extracting(PlannedCall::id).containsExactly(early, late, third);
        assertThat(calls().duePending(2)).extracting(PlannedCall::id).containsExactly(early, late);
        calls().cancelLive("hl7|A2", "cancelled by S15");
        assertThat(calls().duePending(10)).extracting(PlannedCall::id).containsExactly(late, third);
    }

    @Test
    default void calls_in_a_state_are_listed_oldest_first() {
        long a = calls().plan(Samples.call(appendEvent("A1"), "hl7|A1", CALL_AT, DUE_AT)).id();
        calls().plan(Samples.call(appendEvent("A2"), "hl7|A2", CALL_AT, DUE_AT));
        long c = calls().plan(Samples.call(appendEvent("A3"), "hl7|A3", CALL_AT, DUE_AT)).id();
        calls().cancelLive("hl7|A3", "cancelled by S15");
        calls().cancelLive("hl7|A1", "cancelled by S15");

        assertThat(calls().callsInState(CallState.CANCELLED)).extracting(PlannedCall::id).containsExactly(a, c);
        assertThat(calls().callsInState(CallState.NOT_WITHDRAWN)).isEmpty();
    }
}
