package org.callbridge.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work run inside a transaction by {@link Database#inTransaction}. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
