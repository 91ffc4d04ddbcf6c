package org.callbridge.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drives the call lifecycle: a single daemon thread asks the store to take one step every 20 ms. */
final class LifecycleTicker implements AutoCloseable {

    static final long PERIOD_MILLIS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(LifecycleTicker.class);

    private final ScheduledExecutorService executor;

    LifecycleTicker(SimulatedCallStore store) {
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "calls-api-simulator-lifecycle");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> step(store), PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A failed step is logged, not thrown: a thrown exception would silently cancel every later step. */
    private static void step(SimulatedCallStore store) {
        try {
            store.tick();
        } catch (RuntimeException e) {
            LOG.error("Simulator lifecycle step failed", e);
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
