package org.callbridge;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Set;
import org.callbridge.store.BatchStore;
import org.callbridge.store.Database;
import org.callbridge.store.ResultStore;
import org.callbridge.store.StoreException;

/**
 * {@code retry-parked [--config FILE]}: puts every parked report delivery back to pending (attempts reset)
 * and every parked batch back to sending, in the state database of the configuration. The next cycles
 * of {@code run} take them: a batch is looked up at the Calls API by its name before any POST, so a
 * batch that did reach the API is adopted, never posted twice. With the default H2 file, stop
 * {@code run} first (one process holds the file); with PostgreSQL it can run beside it.
 */
final class RetryParkedCommand {
    private final PrintStream out;

    RetryParkedCommand(PrintStream out) {
        this.out = out;
    }

    /** Exit code 0 when done, 2 for a bad flag or setting or an unreachable database. */
    int run(String[] args) {
        CommandLine flags;
        try {
            flags = CommandLine.parse(args, Set.of("--config"));
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        Database db = CommandDatabase.open(flags.config());
        if (db == null) {
            return 2;
        }
        try (db) {
            int deliveries = new ResultStore(db, Clock.systemUTC()).retryAllParked();
            int batches = new BatchStore(db, Clock.systemUTC()).unparkAll();
            out.println("callbridge retry-parked: " + deliveries + " report deliveries and " + batches
                    + " batches put back; the next cycles of `run` take them");
            return 0;
        } catch (StoreException e) {
            return fail("state database: " + e.getMessage());
        }
    }

    private static int fail(String problem) {
        CommandDatabase.fail(problem);
        return 2;
    }
}
