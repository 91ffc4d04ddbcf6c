package org.callbridge.operations;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Ends the process when the heap runs out, so that its supervisor restarts it: a JVM that has thrown
 * {@link OutOfMemoryError} somewhere may have lost a thread that others wait for (a commit writer, a poll loop) and
 * would otherwise stay up, hung, answering nothing. Nothing acknowledged is lost by halting: every acknowledgement
 * follows a commit. Three ways in: the catch sites that see an error ({@link #haltIfFatal}), threads that die of one
 * (the default uncaught-exception handler), and a watch that finds the heap still full after a collection, or cannot
 * even allocate its own reading, which catches an error that a library swallowed. A small reserve of heap is let go
 * first, so that the last message can still be written. Starting {@code java} with {@code -XX:+ExitOnOutOfMemoryError}
 * does the same at the source; this covers a command line without it.
 */
public final class Fatal {
    /** The exit code of a process ended for want of memory. */
    public static final int OUT_OF_MEMORY = 3;
    /** Heap in use after a collection, as a share of the maximum, at which the heap counts as exhausted. */
    static final double EXHAUSTED_AFTER_GC = 0.98;
    private static final long WATCH_MILLIS = 1_000;
    private static final String MESSAGE = "callbridge: out of memory; the process stops so that its supervisor can restart it";
    private static final Runtime RUNTIME = Runtime.getRuntime();
    private static volatile Runnable halt = new Runnable() {
        @Override
        public void run() {
            RUNTIME.halt(OUT_OF_MEMORY);
        }
    };
    private static volatile byte[] reserve;
    private static boolean installed;

    private Fatal() {
    }

    /** Installs the uncaught-exception handler and the heap watch; once per process. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        installed = true;
        reserve = new byte[1 << 20];
        // run the paths once now, so that nothing needs loading or linking when there is no heap left
        haltIfFatal(new IllegalStateException("warm-up", new RuntimeException()));
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(new Thread.UncaughtExceptionHandler() {
            @Override
            public void uncaughtException(Thread thread, Throwable error) {
                haltIfFatal(error);
                if (previous != null) {
                    previous.uncaughtException(thread, error);
                } else {
                    System.err.println("callbridge: thread " + thread.getName() + " ended by " + error.getClass().getName());
                }
            }
        });
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP && pool.isCollectionUsageThresholdSupported()).toList();
        exhausted(heap);
        Thread watch = new Thread(new Runnable() {
            @Override
            public void run() {
                watch(heap);
            }
        }, "callbridge-heap-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Halts the process if {@code error} is, or was caused by, an {@link OutOfMemoryError}; otherwise returns. */
    public static void haltIfFatal(Throwable error) {
        Throwable t = error;
        for (int depth = 0; t != null && depth < 32; depth++, t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                halt();
                return;
            }
        }
    }

    private static void watch(List<MemoryPoolMXBean> heap) {
        while (true) {
            try {
                Thread.sleep(WATCH_MILLIS);
                if (exhausted(heap)) {
                    halt();
                }
            } catch (OutOfMemoryError e) {
                // not even this small reading could be allocated
                halt();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** True when the heap in use after the last collection of each pool is nearly all of the maximum. */
    private static boolean exhausted(List<MemoryPoolMXBean> heap) {
        long max = RUNTIME.maxMemory();
        if (max == Long.MAX_VALUE) {
            return false;
        }
        long used = 0;
        for (MemoryPoolMXBean pool : heap) {
            MemoryUsage afterGc = pool.getCollectionUsage();
            if (afterGc != null) {
                used += afterGc.getUsed();
            }
        }
        return used >= EXHAUSTED_AFTER_GC * max;
    }

    private static void halt() {
        reserve = null;
        try {
            System.err.println(MESSAGE);
            System.err.flush();
        } finally {
            halt.run();
        }
    }

    /** For tests: what halting does instead of ending the JVM. */
    public static void haltWith(Runnable replacement) {
        halt = replacement;
    }
}
