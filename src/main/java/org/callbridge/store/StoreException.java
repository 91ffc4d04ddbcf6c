package org.callbridge.store;

import java.sql.SQLException;

/**
 * A database failure. Messages of integrity and data errors (SQLState classes 22 and 23) can quote
 * row values, so for those neither the driver's message nor the driver's exception is kept: only the
 * operation, the SQLState and the stack trace. Safe to log.
 */
public class StoreException extends RuntimeException {
    private final String sqlState;

    public StoreException(String operation, SQLException e) {
        super(operation + " failed: SQLState " + e.getSQLState() + ", code " + e.getErrorCode()
                + (mayQuoteValues(e) ? "" : ": " + e.getMessage()), mayQuoteValues(e) ? null : e);
        this.sqlState = e.getSQLState();
        if (mayQuoteValues(e)) {
            setStackTrace(e.getStackTrace());
        }
    }

    /** The SQLState of the underlying failure, e.g. {@code 23505} for a unique violation. */
    public String sqlState() {
        return sqlState;
    }

    private static boolean mayQuoteValues(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
