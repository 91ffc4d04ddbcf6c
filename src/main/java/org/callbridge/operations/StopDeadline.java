package org.callbridge.operations;

import java.time.Duration;

/**
 * The stop signal always stops the process: the shutdown hook closes everything in order, and if that has not
 * finished by the deadline (a commit that never returns, a connection that never closes), the process halts. Halting
 * loses nothing acknowledged: every acknowledgement follows a commit.
 */
public final class StopDeadline {
    /** The exit code of a process halted because it did not stop in time. */
    public static final int NOT_STOPPED = 4;

    private StopDeadline() {
    }

    /** A shutdown hook that runs {@code close} and halts with {@value #NOT_STOPPED} if it is still running after {@code deadline}. */
    public static Thread hook(Runnable close, Duration deadline) {
        return hook(close, deadline, () -> Runtime.getRuntime().halt(NOT_STOPPED));
    }

    static Thread hook(Runnable close, Duration deadline, Runnable halt) {
        return new Thread(() -> {
            Thread watch = new Thread(() -> {
                try {
                    Thread.sleep(deadline.toMillis());
                } catch (InterruptedException stopped) {
                    return;
                }
                System.err.println("callbridge: not stopped " + deadline.toSeconds() + " s after the stop signal; halting");
                System.err.flush();
                halt.run();
            }, "callbridge-stop-deadline");
            watch.setDaemon(true);
            watch.start();
            try {
                close.run();
            } finally {
                watch.interrupt();
            }
        }, "callbridge-stop");
    }
}
