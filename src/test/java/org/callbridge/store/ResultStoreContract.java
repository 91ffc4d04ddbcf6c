package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What came back: results once per call id and status, deliveries once per sink. */
interface ResultStoreContract extends StoreFixture {

    Instant ENDED = Samples.T0.plusSeconds(330);
    List<String> SINKS = List.of("json", "csv");

    private static String payload(String status) {
        return "{\"id\":\"call-1\",\"status\":\"" + status + "\"}";
    }

    /** A planned call posted under call id {@code call-1}. */
    private long postedCall() {
        long event = events().append(Samples.event("A1")).id();
        long id = calls().plan(Samples.call(event, "hl7|A1", Samples.T0, Samples.T0)).id();
        long batch = batches().claim(new BatchClaim("b-1", Samples.AGENT, null, null, null, 10)).orElseThrow().id();
        batches().markSending(batch);
        batches().recordPosted(batch, "api-1", List.of(new PostedCall(id, "call-1", "initiating")));
        return id;
    }

    @Test
    default void a_result_is_new_once_per_call_and_status() {
        assertThat(results().recordResult("call-1", "summarizing", ENDED, payload("summarizing"), null)).isTrue();
        assertThat(results().recordResult("call-1", "summarizing", ENDED, payload("summarizing"), null)).isFalse();
        clock().advance(Duration.ofSeconds(30));
        assertThat(results().recordResult("call-1", "completed", ENDED, payload("completed"), null)).isTrue();
        assertThat(results().recordResult("call-1", "completed", ENDED, payload("completed"), null)).isFalse();

        CallResult stored = results().find("call-1").orElseThrow();
        assertThat(stored.status()).isEqualTo("completed");
        assertThat(stored.payloadJson()).isEqualTo(payload("completed"));
        assertThat(stored.endedAt()).isEqualTo(ENDED);
        assertThat(stored.firstSeenAt()).isEqualTo(Samples.T0);
        assertThat(stored.updatedAt()).isEqualTo(Samples.T0.plusSeconds(30));
    }

    @Test
    default void a_result_finds_its_planned_call_by_call_id_and_updates_its_status() {
        long planned = postedCall();

        results().recordResult("call-1", "completed", ENDED, payload("completed"), null);

        assertThat(results().find("call-1").orElseThrow().plannedCallId()).isEqualTo(planned);
        assertThat(calls().find(planned).orElseThrow().callStatus()).isEqualTo("completed");
    }

    @Test
    default void concurrent_pollers_record_a_call_once() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Boolean> record = () -> {
                    start.await();
                    return results().recordResult("call-1", "completed", ENDED, payload("completed"), null, SINKS);
                };
                futures.add(pool.submit(record));
            }
            start.countDown();
            int fresh = 0;
            for (Future<Boolean> f : futures) {
                fresh += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertThat(fresh).isOne();
            assertThat(results().pendingDeliveries("json", 10)).hasSize(1);
            assertThat(results().pendingDeliveries("csv", 10)).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void each_sink_gets_each_call_once() {
        results().recordResult("call-1", "completed", ENDED, payload("completed"), null, SINKS);
        results().recordResult("call-2", "failed", ENDED, "{}", null, SINKS);

        List<PendingDelivery> json = results().pendingDeliveries("json", 10);
        assertThat(json).extracting(d -> d.result().callId()).containsExactly("call-1", "call-2");
        assertThat(json.get(0).result().payloadJson()).isEqualTo(payload("completed"));

        assertThat(results().markDelivered("call-1", "json")).isTrue();
        assertThat(results().markDelivered("call-1", "json")).isFalse();
        results().recordResult("call-1", "completed", ENDED, payload("completed"), null, SINKS);

        assertThat(results().pendingDeliveries("json", 10)).extracting(d -> d.result().callId()).containsExactly("call-2");
        assertThat(results().pendingDeliveries("csv", 10)).hasSize(2);
        assertThat(results().deliveryCounts("json")).containsEntry("DELIVERED", 1L).containsEntry("PENDING", 1L);
    }

    @Test
    default void concurrent_writers_mark_a_delivery_delivered_once() throws Exception {
        results().recordResult("call-1", "completed", ENDED, payload("completed"), null, SINKS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return results().markDelivered("call-1", "json");
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : futures) {
                winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(winners).isOne();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void failed_deliveries_count_attempts_and_parked_ones_wait_for_a_retry() {
        results().recordResult("call-1", "completed", ENDED, payload("completed"), null, List.of("webhook"));

        assertThat(results().recordDeliveryFailure("call-1", "webhook", "HTTP 502")).isEqualTo(1);
        assertThat(results().recordDeliveryFailure("call-1", "webhook", "HTTP 502")).isEqualTo(2);
        assertThat(results().pendingDeliveries("webhook", 10)).singleElement()
                .extracting(PendingDelivery::attempts).isEqualTo(2);
        assertThat(results().markParked("call-1", "webhook", "gave up after 2 attempts")).isTrue();

        assertThat(results().pendingDeliveries("webhook", 10)).isEmpty();
        assertThat(results().markDelivered("call-1", "webhook")).isFalse();
        assertThat(results().retryParked("call-1", "webhook")).isTrue();
        assertThat(results().pendingDeliveries("webhook", 10)).singleElement()
                .extracting(PendingDelivery::attempts).isEqualTo(0);
    }

    @Test
    default void retrying_all_parked_deliveries_leaves_delivered_and_pending_ones_alone() {
        results().recordResult("call-1", "completed", ENDED, payload("completed"), null, List.of("webhook", "json"));
        results().recordResult("call-2", "completed", ENDED, payload("completed"), null, List.of("webhook"));
        results().recordDeliveryFailure("call-1", "webhook", "HTTP 502");
        results().markParked("call-1", "webhook", "gave up");
        results().markParked("call-2", "webhook", "gave up");
        results().markDelivered("call-1", "json");

        assertThat(results().retryAllParked()).isEqualTo(2);

        assertThat(results().pendingDeliveries("webhook", 10)).extracting(PendingDelivery::attempts).containsExactly(0, 0);
        assertThat(results().pendingDeliveries("json", 10)).isEmpty();
        assertThat(results().retryAllParked()).isZero();
    }
}
