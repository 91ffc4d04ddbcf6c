package org.callbridge.store;

import com.zaxxer.hikari.SQLExceptionOverride;
import java.sql.SQLException;
import java.util.Set;

/**
 * Tells the pool which H2 failures mean the database itself has gone, not one statement: a write the disk refused
 * (full, or failing) makes H2 close the database, and every pooled connection is dead from then on. Such a
 * connection is evicted at once, so the next transaction opens a new one, which opens the file again: once the disk
 * has room, the database recovers by itself, without a restart.
 */
public final class H2DatabaseGone implements SQLExceptionOverride {
    /** Database closed, file I/O failed (two kinds), file corrupted, connection broken (not 90121: closed on purpose). */
    static final Set<String> STATES = Set.of("90098", "90028", "90031", "90030", "90067");

    // (no @Override: the interface's nested enum is also named Override)
    public SQLExceptionOverride.Override adjudicate(SQLException e) {
        return isGone(e) ? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
    }

    /** True when {@code e}, or an exception it was caused by or chained to, says the database has gone. */
    static boolean isGone(SQLException e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 16; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        for (SQLException next = e.getNextException(); next != null && depth < 32; next = next.getNextException(), depth++) {
            if (STATES.contains(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
