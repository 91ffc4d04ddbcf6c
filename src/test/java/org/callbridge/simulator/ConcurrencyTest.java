package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.callbridge.simulator.TestFixtures.AGENT_A;
import static org.callbridge.simulator.TestFixtures.AGENT_B;
import static org.callbridge.simulator.TestFixtures.ANN_OF_B;
import static org.callbridge.simulator.TestFixtures.JANE;
import static org.callbridge.simulator.TestFixtures.JOHN;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTest extends SimulatorTestSupport {

    private static final int THREADS = 8;
    private static final int POSTS_PER_THREAD = 25;

    @Test
    void should_keep_every_call_unique_and_every_count_exact_under_concurrent_posts() throws Exception {
        start(TestFixtures.load().withTiming(TestFixtures.timing(10, 10, 20, 10)));
        Set<String> callIds = ConcurrentHashMap.newKeySet();
        Set<String> batchIds = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                boolean clinicBThread = t % 4 == 0;
                workers.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < POSTS_PER_THREAD; i++) {
                        ApiClient.Response response = clinicBThread
                                ? clinicB.post("/api/v1/calls", batch(AGENT_B, ANN_OF_B, ANN_OF_B).toString())
                                : clinicA.post("/api/v1/calls", batch(AGENT_A, JOHN, JANE).toString());
                        assertThat(response.status()).isEqualTo(200);
                        batchIds.add(response.body().get("batchId").asText());
                        response.body().get("calls").forEach(c -> callIds.add(c.get("callId").asText()));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> worker : workers) {
                worker.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        int posts = THREADS * POSTS_PER_THREAD;
        assertThat(simulator.requestCount()).isEqualTo(posts);
        assertThat(batchIds).hasSize(posts);
        assertThat(callIds).hasSize(posts * 2);
        assertThat(simulator.calls()).extracting(SimulatedCall::callId).containsExactlyInAnyOrderElementsOf(callIds);
        assertThat(simulator.campaigns()).hasSize(posts);
        assertThat(clinicA.get("/api/v1/calls?size=1").body().at("/pagination/total").asInt()).isEqualTo(300);
        assertThat(clinicB.get("/api/v1/calls?size=1").body().at("/pagination/total").asInt()).isEqualTo(100);
        awaitAllEnded();
        assertThat(simulator.calls()).allSatisfy(c -> assertThat(c.status()).isEqualTo("completed"));
        JsonNode ended = clinicA.get("/api/v1/calls?size=500&ended_after=2000-01-01T00:00:00Z").body();
        assertThat(ended.at("/pagination/total").asInt()).isEqualTo(300);
    }
}
