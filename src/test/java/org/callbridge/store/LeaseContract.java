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

/** Watermarks that survive restarts and leases that elect one holder. */
interface LeaseContract extends StoreFixture {

    Duration TTL = Duration.ofSeconds(30);

    default Watermarks watermarks() {
        return new Watermarks(db(), clock());
    }

    default Leases leases() {
        return new Leases(db(), clock());
    }

    @Test
    default void a_watermark_is_empty_until_set_and_survives_a_restart() {
        Instant first = Instant.parse("2025-08-20T10:35:45.123456Z");
        assertThat(watermarks().get("calls.ended_after")).isEmpty();

        watermarks().set("calls.ended_after", first);
        watermarks().set("calls.ended_after", first.plusSeconds(60));
        watermarks().set("other", first);
        reopen();

        assertThat(watermarks().get("calls.ended_after")).contains(first.plusSeconds(60));
        assertThat(watermarks().get("other")).contains(first);
    }

    @Test
    default void a_lease_has_one_holder_until_it_expires() {
        assertThat(leases().tryAcquire("poller", "node-a", TTL)).isTrue();
        assertThat(leases().tryAcquire("poller", "node-b", TTL)).isFalse();
        assertThat(leases().tryAcquire("poster", "node-b", TTL)).isTrue();

        clock().advance(TTL.minusSeconds(1));
        assertThat(leases().tryAcquire("poller", "node-b", TTL)).isFalse();
        clock().advance(Duration.ofSeconds(1));
        assertThat(leases().tryAcquire("poller", "node-b", TTL)).isTrue();

        assertThat(leases().holder("poller")).get().satisfies(l -> {
            assertThat(l.owner()).isEqualTo("node-b");
            assertThat(l.expiresAt()).isEqualTo(Samples.T0.plus(TTL).plus(TTL));
        });
        assertThat(leases().tryAcquire("poller", "node-a", TTL)).isFalse();
    }

    @Test
    default void the_holder_renews_its_lease_and_can_release_it() {
        leases().tryAcquire("poller", "node-a", TTL);
        clock().advance(Duration.ofSeconds(20));

        assertThat(leases().tryAcquire("poller", "node-a", TTL)).isTrue();
        clock().advance(Duration.ofSeconds(20));
        assertThat(leases().tryAcquire("poller", "node-b", TTL)).isFalse();
        assertThat(leases().holder("poller")).get().extracting(Lease::acquiredAt).isEqualTo(Samples.T0);

        assertThat(leases().release("poller", "node-b")).isFalse();
        assertThat(leases().release("poller", "node-a")).isTrue();
        assertThat(leases().holder("poller")).isEmpty();
        assertThat(leases().tryAcquire("poller", "node-b", TTL)).isTrue();
    }

    @Test
    default void of_eight_instances_racing_for_a_new_lease_exactly_one_wins() throws Exception {
        assertThat(race("poller")).isOne();
        assertThat(leases().holder("poller")).isPresent();
    }

    @Test
    default void of_eight_instances_racing_for_an_expired_lease_exactly_one_wins() throws Exception {
        leases().tryAcquire("poller", "old-node", TTL);
        clock().advance(TTL);

        assertThat(race("poller")).isOne();
        assertThat(leases().holder("poller")).get().extracting(Lease::owner).isNotEqualTo("old-node");
    }

    /** Eight owners try to acquire the lease at once; returns how many succeeded. */
    private int race(String name) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String owner = "node-" + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return leases().tryAcquire(name, owner, TTL);
                }));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : futures) {
                winners += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
            return winners;
        } finally {
            pool.shutdownNow();
        }
    }
}
