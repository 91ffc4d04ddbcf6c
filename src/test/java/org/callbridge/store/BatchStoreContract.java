package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Posting: claiming due calls into batches, SENDING before every POST, and the POST's outcomes. */
interface BatchStoreContract extends StoreFixture {

    Instant SLOT = Samples.T0.plus(Duration.ofHours(2));

    /** Plans a call for a new appointment, called at {@code callAt} and due from {@code dueAt}. */
    private long planned(String appointmentId, String agent, Instant callAt, Instant dueAt) {
        long event = events().append(Samples.event(appointmentId)).id();
        NewCall call = Samples.call(event, "hl7|" + appointmentId, callAt, dueAt);
        return calls().plan(new NewCall(call.eventId(), call.appointmentKey(), agent, call.patientId(), callAt, dueAt,
                call.patientZone(), call.extendedJson())).id();
    }

    private long planned(String appointmentId) {
        return planned(appointmentId, Samples.AGENT, SLOT, Samples.T0);
    }

    private static BatchClaim claimAll(String name) {
        return new BatchClaim(name, Samples.AGENT, null, null, null, 100);
    }

    @Test
    default void claiming_puts_due_calls_of_the_agent_into_one_open_batch_earliest_first() {
        long late = planned("A1", Samples.AGENT, SLOT.plusSeconds(600), Samples.T0);
        long early = planned("A2", Samples.AGENT, SLOT, Samples.T0);
        long third = planned("A3", Samples.AGENT, SLOT.plusSeconds(1200), Samples.T0);
        planned("B1", Samples.OTHER_AGENT, SLOT, Samples.T0);
        planned("A4", Samples.AGENT, SLOT, Samples.T0.plusSeconds(60));

        CallBatch batch = batches().claim(new BatchClaim("reminders-1", Samples.AGENT, SLOT, null, null, 2)).orElseThrow();

        assertThat(batch.state()).isEqualTo(BatchState.OPEN);
        assertThat(batch.name()).isEqualTo("reminders-1");
        assertThat(batch.scheduledAt()).isEqualTo(SLOT);
        assertThat(batch.attempts()).isZero();
        assertThat(batches().callsIn(batch.id())).extracting(PlannedCall::id).containsExactly(late, early);
        assertThat(batches().callsIn(batch.id())).allMatch(c -> c.state() == CallState.BATCHED);
        assertThat(calls().find(third).orElseThrow().state()).isEqualTo(CallState.PENDING);
    }

    @Test
    default void nothing_due_creates_no_batch() {
        planned("A1", Samples.AGENT, SLOT, Samples.T0.plusSeconds(60));

        assertThat(batches().claim(claimAll("b-1"))).isEmpty();
        assertThat(batches().findByName("b-1")).isEmpty();

        clock().advance(Duration.ofSeconds(60));
        assertThat(batches().claim(claimAll("b-1"))).isPresent();
    }

    @Test
    default void a_claim_takes_only_calls_in_its_time_range() {
        long inside = planned("A1", Samples.AGENT, SLOT, Samples.T0);
        planned("A2", Samples.AGENT, SLOT.plusSeconds(900), Samples.T0);

        CallBatch batch = batches().claim(new BatchClaim("b-1", Samples.AGENT, SLOT, SLOT, SLOT.plusSeconds(900), 10))
                .orElseThrow();

        assertThat(batches().callsIn(batch.id())).extracting(PlannedCall::id).containsExactly(inside);
    }

    @Test
    default void due_groups_count_due_calls_by_agent_and_time() {
        planned("A1", Samples.AGENT, SLOT, Samples.T0);
        planned("A2", Samples.AGENT, SLOT, Samples.T0);
        planned("B1", Samples.OTHER_AGENT, SLOT.plusSeconds(60), Samples.T0);
        planned("A3", Samples.AGENT, SLOT, Samples.T0.plusSeconds(1));

        assertThat(batches().dueGroups()).containsExactly(new DueGroup(Samples.AGENT, SLOT, 2),
                new DueGroup(Samples.OTHER_AGENT, SLOT.plusSeconds(60), 1));
    }

    @Test
    default void a_batch_name_is_used_once() {
        planned("A1");
        batches().claim(claimAll("b-1")).orElseThrow();
        long second = planned("A2");

        assertThatThrownBy(() -> batches().claim(claimAll("b-1"))).isInstanceOf(IllegalArgumentException.class);

        assertThat(calls().find(second).orElseThrow().state()).isEqualTo(CallState.PENDING);
    }

    @Test
    default void concurrent_claimers_never_get_the_same_call() throws Exception {
        Set<Long> plannedIds = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            plannedIds.add(planned("A" + i));
        }
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    List<Long> mine = new ArrayList<>();
                    Optional<CallBatch> b;
                    while ((b = batches().claim(new BatchClaim("b-" + names.incrementAndGet(), Samples.AGENT, null,
                            null, null, 5))).isPresent()) {
                        batches().callsIn(b.get().id()).forEach(c -> mine.add(c.id()));
                    }
                    return mine;
                }));
            }
            start.countDown();
            List<Long> claimed = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                claimed.addAll(f.get(60, TimeUnit.SECONDS));
            }

            assertThat(claimed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(plannedIds);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void marking_sending_returns_the_calls_to_post_and_counts_the_attempt() {
        long a = planned("A1");
        long b = planned("A2");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        clock().advance(Duration.ofSeconds(5));

        BatchToSend first = batches().markSending(batch).orElseThrow();
        BatchToSend retry = batches().markSending(batch).orElseThrow();

        assertThat(first.calls()).extracting(PlannedCall::id).containsExactly(a, b);
        assertThat(first.calls()).allMatch(c -> c.state() == CallState.SENDING);
        assertThat(first.batch().state()).isEqualTo(BatchState.SENDING);
        assertThat(first.batch().sentAt()).isEqualTo(Samples.T0.plusSeconds(5));
        assertThat(retry.batch().attempts()).isEqualTo(2);
        assertThat(retry.calls()).extracting(PlannedCall::id).containsExactly(a, b);
    }

    @Test
    default void a_call_cancelled_before_sending_is_not_posted() {
        planned("A1");
        long keep = planned("A2");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();

        calls().cancelLive("hl7|A1", "cancelled by S15");

        assertThat(batches().markSending(batch).orElseThrow().calls()).extracting(PlannedCall::id).containsExactly(keep);
    }

    @Test
    default void a_batch_whose_calls_were_all_cancelled_becomes_empty() {
        planned("A1");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        calls().cancelLive("hl7|A1", "cancelled by S15");

        assertThat(batches().markSending(batch)).isEmpty();

        assertThat(batches().find(batch).orElseThrow().state()).isEqualTo(BatchState.EMPTY);
    }

    @Test
    default void recording_the_post_stores_call_ids_and_frees_the_appointment() {
        long a = planned("A1");
        long b = planned("A2");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(batch);

        batches().recordPosted(batch, "api-batch-1", List.of(new PostedCall(a, "call-a", "initiating"),
                new PostedCall(b, "call-b", "queued")));

        CallBatch posted = batches().find(batch).orElseThrow();
        assertThat(posted.state()).isEqualTo(BatchState.POSTED);
        assertThat(posted.apiBatchId()).isEqualTo("api-batch-1");
        PlannedCall callA = calls().findByCallId("call-a").orElseThrow();
        assertThat(callA.id()).isEqualTo(a);
        assertThat(callA.state()).isEqualTo(CallState.POSTED);
        assertThat(callA.callStatus()).isEqualTo("initiating");
        assertThat(callA.apiBatchId()).isEqualTo("api-batch-1");
        assertThat(calls().liveCall("hl7|A1")).isEmpty();
        assertThat(batches().batchesIn(BatchState.SENDING)).isEmpty();
    }

    @Test
    default void a_post_that_misses_a_call_is_refused_and_changes_nothing() {
        long a = planned("A1");
        planned("A2");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(batch);

        assertThatThrownBy(() -> batches().recordPosted(batch, "api-1", List.of(new PostedCall(a, "call-a", "queued"))))
                .isInstanceOf(IllegalStateException.class);

        assertThat(batches().find(batch).orElseThrow().state()).isEqualTo(BatchState.SENDING);
        assertThat(calls().find(a).orElseThrow().state()).isEqualTo(CallState.SENDING);
        assertThat(calls().findByCallId("call-a")).isEmpty();
    }

    @Test
    default void rejected_patients_leave_the_rest_to_post_again() {
        long bad = planned("A1");
        long good = planned("A2");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(batch);

        int rejected = batches().rejectCalls(batch, Map.of(bad, "patient has no phone number"));
        BatchToSend again = batches().markSending(batch).orElseThrow();

        assertThat(rejected).isOne();
        assertThat(calls().find(bad).orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.REJECTED);
            assertThat(c.reason()).isEqualTo("patient has no phone number");
        });
        assertThat(again.calls()).extracting(PlannedCall::id).containsExactly(good);
        batches().recordPosted(batch, "api-1", List.of(new PostedCall(good, "call-good", "queued")));
        assertThat(batches().find(batch).orElseThrow().state()).isEqualTo(BatchState.POSTED);
    }

    @Test
    default void a_parked_batch_keeps_its_calls_live_until_unparked_and_posted() {
        long a = planned("A1");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(batch);
        batches().noteFailure(batch, "HTTP 503");

        assertThat(batches().park(batch, "5 attempts failed: HTTP 503")).isTrue();

        assertThat(batches().batchesIn(BatchState.PARKED)).singleElement().satisfies(b -> {
            assertThat(b.id()).isEqualTo(batch);
            assertThat(b.lastError()).isEqualTo("5 attempts failed: HTTP 503");
        });
        assertThat(batches().markSending(batch)).isEmpty();
        assertThat(calls().liveCall("hl7|A1")).get().extracting(PlannedCall::state).isEqualTo(CallState.SENDING);
        assertThat(batches().unpark(batch)).isTrue();
        assertThat(batches().batchesIn(BatchState.SENDING)).extracting(CallBatch::id).containsExactly(batch);
        assertThat(batches().markSending(batch).orElseThrow().calls()).extracting(PlannedCall::id).containsExactly(a);
    }

    @Test
    default void unparking_all_puts_only_parked_batches_back_to_sending() {
        planned("A1");
        long parked = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(parked);
        batches().park(parked, "HTTP 503");
        planned("B1");
        long claimed = batches().claim(claimAll("b-2")).orElseThrow().id();

        assertThat(batches().unparkAll()).isOne();

        assertThat(batches().batchesIn(BatchState.SENDING)).extracting(CallBatch::id).containsExactly(parked);
        assertThat(batches().batchesIn(BatchState.PARKED)).isEmpty();
        assertThat(batches().batchesIn(BatchState.OPEN)).extracting(CallBatch::id).containsExactly(claimed);
    }

    @Test
    default void failing_a_batch_rejects_its_unposted_calls() {
        long a = planned("A1");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(batch);

        assertThat(batches().fail(batch, "HTTP 400: agentId must be a valid UUID")).isOne();

        assertThat(batches().find(batch).orElseThrow().state()).isEqualTo(BatchState.FAILED);
        assertThat(calls().find(a).orElseThrow().reason()).isEqualTo("HTTP 400: agentId must be a valid UUID");
        assertThat(calls().liveCall("hl7|A1")).isEmpty();
    }

    @Test
    default void open_and_sending_batches_are_found_after_a_restart() {
        planned("A1");
        long sending = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(sending);
        planned("A2");
        long open = batches().claim(claimAll("b-2")).orElseThrow().id();

        reopen();

        assertThat(batches().batchesIn(BatchState.SENDING)).singleElement().satisfies(b -> {
            assertThat(b.id()).isEqualTo(sending);
            assertThat(b.name()).isEqualTo("b-1");
            assertThat(b.attempts()).isOne();
        });
        assertThat(batches().batchesIn(BatchState.OPEN)).extracting(CallBatch::id).containsExactly(open);
        assertThat(batches().callsIn(sending)).extracting(PlannedCall::state).containsExactly(CallState.SENDING);
    }

    @Test
    default void a_requeued_call_leaves_its_batch_and_waits_for_its_new_time() {
        long moved = planned("A1");
        long kept = planned("A2");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        Instant opening = SLOT.plus(Duration.ofHours(12));

        assertThat(batches().requeue(batch, moved, opening, opening)).isTrue();

        assertThat(calls().find(moved).orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.PENDING);
            assertThat(c.batchId()).isNull();
            assertThat(c.callAt()).isEqualTo(opening);
            assertThat(c.dueAt()).isEqualTo(opening);
        });
        assertThat(calls().liveCall("hl7|A1")).get().extracting(PlannedCall::id).isEqualTo(moved);
        assertThat(batches().markSending(batch).orElseThrow().calls()).extracting(PlannedCall::id).containsExactly(kept);
        assertThat(batches().claim(claimAll("b-2"))).isEmpty();
        clock().advance(Duration.between(Samples.T0, opening));
        assertThat(batches().claim(claimAll("b-2"))).isPresent();
    }

    @Test
    default void a_sending_call_can_be_requeued_but_a_posted_one_cannot() {
        long a = planned("A1");
        long b = planned("A2");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(batch);

        assertThat(batches().requeue(batch, a, SLOT, Samples.T0)).isTrue();
        batches().recordPosted(batch, "api-1", List.of(new PostedCall(b, "call-b", "queued")));

        assertThat(batches().requeue(batch, b, SLOT, Samples.T0)).isFalse();
        assertThat(batches().requeue(batch + 1, a, SLOT, Samples.T0)).isFalse();
        assertThat(calls().find(b).orElseThrow().state()).isEqualTo(CallState.POSTED);
        assertThat(calls().find(a).orElseThrow().state()).isEqualTo(CallState.PENDING);
    }

    @Test
    default void a_call_withdrawn_before_posting_is_cancelled_and_frees_the_appointment() {
        long stale = planned("A1");
        long kept = planned("A2");
        long batch = batches().claim(claimAll("b-1")).orElseThrow().id();
        batches().markSending(batch);

        assertThat(batches().withdrawUnsent(batch, stale, "newer event 7 pending")).isTrue();
        assertThat(batches().withdrawUnsent(batch, stale, "again")).isFalse();

        assertThat(calls().find(stale).orElseThrow()).satisfies(c -> {
            assertThat(c.state()).isEqualTo(CallState.CANCELLED);
            assertThat(c.reason()).isEqualTo("newer event 7 pending");
        });
        assertThat(calls().liveCall("hl7|A1")).isEmpty();
        assertThat(batches().markSending(batch).orElseThrow().calls()).extracting(PlannedCall::id).containsExactly(kept);
    }
}
