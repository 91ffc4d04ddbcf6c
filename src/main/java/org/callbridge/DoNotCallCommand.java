package org.callbridge;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.callbridge.store.AuditLog;
import org.callbridge.store.Database;
import org.callbridge.store.DoNotCallList;
import org.callbridge.store.StoreException;

/**
 * {@code do-not-call [--config FILE] [--remove PATIENT_ID]}: lists the patients on the stored do-not-call list (those
 * whose call was classified opted-out), or takes one off it, with an audit record. The do-not-call file is edited as
 * a file. With the default H2 file, stop {@code run} first; with PostgreSQL it can run beside it.
 */
final class DoNotCallCommand {
    /** Who the audit record names for a removal from the command line. */
    static final String ACTOR = "command line";
    private static final int MAX_LISTED = 10_000;

    private final PrintStream out;

    DoNotCallCommand(PrintStream out) {
        this.out = out;
    }

    /** Exit code 0 when done, 1 when the patient to remove is not listed, 2 for a bad flag or setting or database. */
    int run(String[] args) {
        CommandLine flags;
        try {
            flags = CommandLine.parse(args, Set.of("--config", "--remove"));
        } catch (IllegalArgumentException e) {
            return fail(e.getMessage());
        }
        if (flags.remove() != null && !flags.remove().matches("[A-Za-z0-9-]{1,64}")) {
            return fail("--remove: not a Calls API patient id (letters, digits and dashes)");
        }
        Database db = CommandDatabase.open(flags.config());
        if (db == null) {
            return 2;
        }
        try (db) {
            DoNotCallList list = new DoNotCallList(db, Clock.systemUTC());
            return flags.remove() == null ? list(list) : remove(db, list, flags.remove());
        } catch (StoreException e) {
            return fail("state database: " + e.getMessage());
        }
    }

    private int list(DoNotCallList list) {
        List<DoNotCallList.Entry> entries = list.entries(MAX_LISTED);
        out.println("callbridge do-not-call: " + entries.size() + " patient(s) on the stored list");
        for (DoNotCallList.Entry e : entries) {
            out.println(e.patientId() + "  added " + e.addedAt() + "  " + e.reason());
        }
        return 0;
    }

    private int remove(Database db, DoNotCallList list, String patientId) {
        boolean removed = db.inTransaction(c -> {
            boolean gone = list.remove(patientId);
            if (gone) {
                new AuditLog(db, Clock.systemUTC()).record(ACTOR + " (" + System.getProperty("user.name", "?") + ")",
                        "remove do-not-call", "patient " + patientId, "taken off the stored do-not-call list");
            }
            return gone;
        });
        if (!removed) {
            System.err.println("callbridge: patient " + patientId + " is not on the stored do-not-call list");
            return 1;
        }
        out.println("callbridge do-not-call: patient " + patientId + " taken off the stored list (audited); the"
                + " do-not-call file, if any, still applies");
        return 0;
    }

    private static int fail(String problem) {
        CommandDatabase.fail(problem);
        return 2;
    }
}
