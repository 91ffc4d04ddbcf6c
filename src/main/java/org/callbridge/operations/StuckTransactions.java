package org.callbridge.operations;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the process when a state database transaction has run longer than a limit, so that its supervisor restarts
 * it. A transaction that never returns holds its thread for good: an MLLP commit writer that waits forever leaves
 * every sender without an ACK, and no in-process remedy can free it. The case seen: an H2 file whose disk filled
 * while a commit wrote it, after which H2 spins inside the store on every later statement of that thread, while
 * new connections (and so readiness) work again. Halting loses nothing acknowledged: every acknowledgement follows
 * a commit; after the restart the database opens again, or readiness stays DOWN while the disk is still full.
 */
public final class StuckTransactions implements AutoCloseable {
    /** The exit code of a process halted because a state database transaction did not end in time. */
    public static final int STUCK = 5;
    private static final Logger LOG = LoggerFactory.getLogger(StuckTransactions.class);
    private static final long LOOK_MILLIS = 1_000;

    private final Thread watch;

    private StuckTransactions(Supplier<Duration> longestRunning, Duration limit, Runnable halt) {
        this.watch = new Thread(() -> watch(longestRunning, limit, halt), "callbridge-transaction-watch");
        this.watch.setDaemon(true);
    }

    /** Starts a watch that halts the process with {@value #STUCK} once {@code longestRunning} exceeds {@code limit}. */
    public static StuckTransactions start(Supplier<Duration> longestRunning, Duration limit) {
        return start(longestRunning, limit, () -> Runtime.getRuntime().halt(STUCK));
    }

    static StuckTransactions start(Supplier<Duration> longestRunning, Duration limit, Runnable halt) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("the limit must be positive: " + limit);
        }
        StuckTransactions watch = new StuckTransactions(longestRunning, limit, halt);
        watch.watch.start();
        return watch;
    }

    private static void watch(Supplier<Duration> longestRunning, Duration limit, Runnable halt) {
        long look = Math.min(LOOK_MILLIS, Math.max(1, limit.toMillis() / 4));
        while (true) {
            try {
                Thread.sleep(look);
            } catch (InterruptedException stopped) {
                return;
            }
            Duration longest = longestRunning.get();
            if (longest.compareTo(limit) > 0) {
                String message = "callbridge: a state database transaction has run for " + longest.toSeconds()
                        + " s (limit " + limit + ", " + org.callbridge.config.Keys.STATE_STUCK_AFTER.key() + "); the process stops so that its"
                        + " supervisor can restart it";
                LOG.error(message);
                System.err.println(message);
                System.err.flush();
                halt.run();
                return;
            }
        }
    }

    /** Stops watching (the database is being closed). */
    @Override
    public void close() {
        watch.interrupt();
    }
}
