package org.callbridge.store;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** JDBC helpers shared by the stores: UTC timestamps, nullable binds, unique violations. */
final class Sql {
    static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ERROR = 2000;

    private Sql() {
    }

    /** Timestamps are written in UTC at microsecond precision, the finest both databases keep. */
    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    static void bind(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Instant instant) {
                ps.setObject(i + 1, ts(instant));
            } else if (v == null) {
                ps.setNull(i + 1, Types.NULL);
            } else {
                ps.setObject(i + 1, v);
            }
        }
    }

    static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            return ps.executeUpdate();
        }
    }

    /** Runs an INSERT and returns the generated {@code id}. */
    static long insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, values);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("no generated key returned");
                }
                return keys.getLong(1);
            }
        }
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    static <T> List<T> list(Connection c, String sql, RowMapper<T> mapper, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, values);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        }
    }

    static <T> Optional<T> one(Connection c, String sql, RowMapper<T> mapper, Object... values) throws SQLException {
        List<T> rows = list(c, sql, mapper, values);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Runs a statement under a savepoint and returns empty instead of failing on a unique violation.
     * The savepoint keeps the surrounding transaction usable (PostgreSQL aborts it otherwise).
     */
    static <T> Optional<T> unlessDuplicate(Connection c, SqlFunction<T> work) throws SQLException {
        Savepoint savepoint = c.setSavepoint();
        try {
            T result = work.apply(c);
            c.releaseSavepoint(savepoint);
            return Optional.of(result);
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(savepoint);
            return Optional.empty();
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    /** A unique violation in the exception or in the failures chained to it (a JDBC batch reports each failed row there). */
    static boolean isUniqueViolationAnywhere(SQLException e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 100; depth++, t = next(t)) {
            if (t instanceof SQLException s && isUniqueViolation(s)) {
                return true;
            }
        }
        return false;
    }

    /** The failure of the first failed statement of a batch (whose SQLState says what went wrong), else the exception itself. */
    static SQLException firstFailure(SQLException e) {
        if (e instanceof BatchUpdateException && e.getNextException() != null && e.getNextException().getSQLState() != null) {
            return e.getNextException();
        }
        return e;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof SQLException s && s.getNextException() != null && s.getNextException() != t) {
            return s.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    /** Error texts are stored for operators; they are cut to the column size. */
    static String errorText(String error) {
        if (error == null) {
            return null;
        }
        return error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }
}
