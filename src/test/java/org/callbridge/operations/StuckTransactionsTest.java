package org.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.callbridge.store.Database;
import org.junit.jupiter.api.Test;

/** The watch halts once a real transaction has run past the limit, and never for transactions that end in time. */
class StuckTransactionsTest {

    private static Database database() {
        return Database.open("jdbc:h2:mem:stuck-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    private static void await(CountDownLatch latch) {
        await(latch, 60_000);
    }

    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void should_halt_while_a_transaction_runs_past_the_limit() throws Exception {
        CountDownLatch halted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (Database db = database();
                StuckTransactions watch = StuckTransactions.start(db::longestRunning, Duration.ofMillis(300), halted::countDown)) {
            Thread stuck = new Thread(() -> db.inTransaction(c -> {
                c.createStatement().execute("SELECT 1");
                await(release);
                return null;
            }));
            stuck.start();

            assertThat(halted.await(10, TimeUnit.SECONDS)).as("halted").isTrue();
            assertThat(db.longestRunning()).isGreaterThan(Duration.ofMillis(300));
            release.countDown();
            stuck.join(5_000);
            assertThat(db.longestRunning()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void should_not_halt_for_transactions_that_end_within_the_limit() throws Exception {
        AtomicBoolean halted = new AtomicBoolean();
        try (Database db = database();
                StuckTransactions watch = StuckTransactions.start(db::longestRunning, Duration.ofMillis(400), () -> halted.set(true))) {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
            while (System.nanoTime() < until) {
                db.inTransaction(c -> {
                    await(new CountDownLatch(1), 50);
                    return c.createStatement().execute("SELECT 1");
                });
            }
        }
        assertThat(halted).isFalse();
    }
}
