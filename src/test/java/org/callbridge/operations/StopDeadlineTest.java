package org.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The stop hook halts a process whose close does not return by the deadline, and leaves one that closes alone. */
class StopDeadlineTest {

    @Test
    void should_halt_when_closing_hangs_past_the_deadline() throws Exception {
        CountDownLatch halted = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        Thread hook = StopDeadline.hook(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(200), halted::countDown);

        hook.start();

        assertThat(halted.await(10, TimeUnit.SECONDS)).as("halted after the deadline").isTrue();
        hook.interrupt();
    }

    @Test
    void should_not_halt_when_closing_finishes_in_time() throws Exception {
        AtomicBoolean halted = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        Thread hook = StopDeadline.hook(() -> closed.set(true), Duration.ofMillis(200), () -> halted.set(true));

        hook.start();
        hook.join(5_000);
        Thread.sleep(400);

        assertThat(closed).isTrue();
        assertThat(halted).isFalse();
    }
}
