package org.callbridge.operations;

import java.util.ArrayList;
import java.util.List;

/**
 * A process that runs out of memory, for {@link FatalTest}: {@code uncaught} lets a thread die of it,
 * {@code swallowed} catches every error and keeps what it allocated, as a careless library would.
 */
public final class OutOfMemoryChild {
    private OutOfMemoryChild() {
    }

    public static void main(String[] args) throws Exception {
        Fatal.install();
        List<long[]> kept = new ArrayList<>();
        Thread eater = new Thread(() -> {
            while (true) {
                try {
                    kept.add(new long[64 * 1024]);
                } catch (OutOfMemoryError e) {
                    if (args[0].equals("uncaught")) {
                        throw e;
                    }
                    // swallowed: the heap stays full
                }
            }
        }, "eater");
        eater.start();
        System.out.println("started");
        Thread.sleep(60_000);
        System.out.println("still running");
        System.exit(0);
    }
}
