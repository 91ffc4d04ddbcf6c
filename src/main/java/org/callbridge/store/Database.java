package org.callbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state database: a connection pool on H2 (embedded file, the default) or PostgreSQL (shared by
 * several instances), migrated by Flyway on open, and the transaction boundary of every store.
 *
 * <p>Durability on H2: an H2 file database by default writes commits in the background up to
 * 500 ms later (WRITE_DELAY), so a killed process loses commits it already acknowledged. Opening
 * sets {@code WRITE_DELAY 0}, which makes each commit write its changes to the file before it
 * returns: a commit survives {@code kill -9}. H2 does not fsync each commit, so an operating system
 * crash or power cut can still lose the last commits (the file stays consistent); deployments that
 * need that guarantee use PostgreSQL.
 */
public final class Database implements AutoCloseable {
    /** The embedded default: {@code jdbc:h2:file:./work/state/callbridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0}. */
    public static final String DEFAULT_URL = h2FileUrl(Path.of("work", "state", "callbridge"));

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_ATTEMPTS = 10;
    /** Deadlock or serialization failure (both databases), H2 lock timeout, H2 concurrent update. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "HYT00", "90131");
    /** SQLState a store raises to have its whole transaction run again (serialization failure). */
    static final String RETRY_STATE = "40001";
    private static final String H2_DATABASE_CLOSED = "90121";
    /** Tables whose identity H2 caches ({@link #cacheH2Identities}): the ones every ingested input writes. */
    private static final List<String> INGEST_TABLES = List.of("appointment_event", "rejection");
    private static final int H2_IDENTITY_CACHE = 10_000;
    /** An H2 URL setting a write delay other than 0, which would acknowledge commits not yet written. */
    private static final Pattern H2_WRITE_DELAY = Pattern.compile("(?i);\\s*WRITE_DELAY\\s*=\\s*(?!0*\\s*(;|$))");

    private final HikariDataSource pool;
    private final String redactedUrl;
    private final String product;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    /** The start ({@link System#nanoTime}) of each transaction running now, by its thread. */
    private final Map<Thread, Long> running = new ConcurrentHashMap<>();

    private Database(HikariDataSource pool, String redactedUrl, String product) {
        this.pool = pool;
        this.redactedUrl = redactedUrl;
        this.product = product;
    }

    /**
     * The recommended H2 URL for a database file at {@code file} (without the .mv.db suffix); a relative
     * path is relative to the working directory. The application closes the database, not a JVM hook.
     */
    public static String h2FileUrl(Path file) {
        String path = file.toString().replace('\\', '/');
        // H2 refuses paths that are only implicitly relative
        if (!file.isAbsolute() && !path.startsWith("./") && !path.startsWith("../") && !path.startsWith("~")) {
            path = "./" + path;
        }
        return "jdbc:h2:file:" + path + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /** Opens a pool of at most 10 connections and migrates the schema to the latest version. */
    public static Database open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, 10);
    }

    /**
     * Opens a pool of at most {@code maxConnections} and migrates the schema to the latest version.
     *
     * @throws IllegalArgumentException for an H2 URL with a WRITE_DELAY other than 0
     */
    public static Database open(String jdbcUrl, String user, String password, int maxConnections) {
        String redacted = JdbcUrls.redact(jdbcUrl);
        if (jdbcUrl.startsWith("jdbc:h2:") && H2_WRITE_DELAY.matcher(jdbcUrl).find()) {
            // settings in an H2 URL are applied again on every new connection, so they cannot be overridden once
            throw new IllegalArgumentException("H2 WRITE_DELAY must be 0 (commits are acknowledged): " + redacted);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("callbridge-state");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxConnections);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            config.setExceptionOverrideClassName(H2DatabaseGone.class.getName());
        }
        HikariDataSource pool = new HikariDataSource(config);
        try {
            String product;
            try (Connection c = pool.getConnection()) {
                product = c.getMetaData().getDatabaseProductName();
                if ("H2".equals(product)) {
                    makeH2CommitsDurable(c);
                }
            }
            MigrateResult result = migrate(pool, product, redacted);
            if ("H2".equals(product)) {
                try (Connection c = pool.getConnection()) {
                    cacheH2Identities(c);
                }
            }
            LOG.info("State database {} at {}: schema version {}, {} migration(s) applied",
                    product, redacted, result.targetSchemaVersion == null ? "unchanged" : result.targetSchemaVersion,
                    result.migrationsExecuted);
            return new Database(pool, redacted, product);
        } catch (SQLException e) {
            pool.close();
            throw new StoreException("opening the state database at " + redacted, e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /**
     * Migrates to the latest version. H2 commits each DDL statement, and a table it rebuilds for an ALTER can be left
     * half copied (with constraints on the copy) by a process killed in the middle, so a stop during the migrations of
     * an H2 file can leave a schema that is broken, or that the next start cannot migrate. An H2 database that holds no
     * data and still has migrations to run is therefore made from nothing: nothing is stored before the migrations end,
     * so nothing can be lost. A database that holds data is never dropped.
     */
    private static MigrateResult migrate(HikariDataSource pool, String product, String redacted) throws SQLException {
        Flyway flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration").load();
        if ("H2".equals(product) && hasTables(pool) && flyway.info().pending().length > 0 && !holdsData(pool)) {
            LOG.warn("State database at {} holds no data and is not fully migrated (a stop during its migrations leaves"
                    + " it so): creating it again", redacted);
            try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
                s.execute("DROP ALL OBJECTS");
                c.commit();
            }
        }
        return flyway.migrate();
    }

    /** True when the schema has any table (Flyway's history included): false for a new file. */
    private static boolean hasTables(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** True when any table of the schema holds a row (Flyway's history aside). */
    private static boolean holdsData(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
            java.util.List<String> tables = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                    + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                if (table.equalsIgnoreCase("flyway_schema_history")) {
                    continue;
                }
                try (java.sql.ResultSet rs = s.executeQuery("SELECT 1 FROM \"" + table.replace("\"", "\"\"")
                        + "\" FETCH FIRST 1 ROWS ONLY")) {
                    if (rs.next()) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** The pooled data source (auto-commit off): prefer {@link #inTransaction}. */
    public DataSource dataSource() {
        return pool;
    }

    /** "H2" or "PostgreSQL". */
    public String product() {
        return product;
    }

    /**
     * Runs {@code work} in a transaction and returns its result after the commit; rolls back on any
     * exception. Deadlocks, serialization failures and lock timeouts are retried (the work must only
     * touch the database). Called inside another {@code inTransaction} on the same thread, it joins
     * that transaction, so stores compose into one atomic step.
     */
    public <T> T inTransaction(SqlFunction<T> work) {
        Connection joined = current.get();
        if (joined != null) {
            try {
                return work.apply(joined);
            } catch (SQLException e) {
                throw new StoreException("state database work", e);
            }
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return runOnce(work);
            } catch (StoreException e) {
                if (attempt >= MAX_ATTEMPTS || !TRANSIENT_STATES.contains(e.sqlState())) {
                    throw e;
                }
                LOG.debug("transaction attempt {} hit SQLState {}, retrying", attempt, e.sqlState());
                backOff(attempt);
            }
        }
    }

    // Persistent, database-wide settings; the database's creator has the admin rights they need.
    private static void makeH2CommitsDurable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET WRITE_DELAY 0");
            // wait for row locks up to 10 s, as a queue of writers may, instead of H2's 2 s
            s.execute("SET DEFAULT_LOCK_TIMEOUT 10000");
        }
        c.commit();
    }

    /**
     * H2 saves an identity column's next value every CACHE values, and saving it commits, which with
     * WRITE_DELAY 0 writes the store to the file: at H2's default of 32, an insert of 1,000 events
     * wrote the file 31 times more. Ids stay increasing; a killed process only leaves a gap. (Not for
     * PostgreSQL, whose cache is per session and would hand out ids out of order across sessions.)
     */
    private static void cacheH2Identities(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String table : INGEST_TABLES) {
                s.execute("ALTER TABLE " + table + " ALTER COLUMN id SET CACHE " + H2_IDENTITY_CACHE);
            }
        }
        c.commit();
    }

    // a short random pause keeps contenders from colliding again in lockstep
    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }

    /**
     * How long the oldest transaction running now has run (zero when none runs). A transaction that never ends holds
     * its thread forever: an H2 store that a full disk left half-written can spin inside H2 on every later statement.
     */
    public Duration longestRunning() {
        long now = System.nanoTime();
        long longest = 0;
        for (long started : running.values()) {
            longest = Math.max(longest, now - started);
        }
        return Duration.ofNanos(longest);
    }

    private <T> T runOnce(SqlFunction<T> work) {
        Thread thread = Thread.currentThread();
        running.put(thread, System.nanoTime());
        try {
            return runOnceTimed(work);
        } finally {
            running.remove(thread);
        }
    }

    private <T> T runOnceTimed(SqlFunction<T> work) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw new StoreException("getting a state database connection", e);
        }
        current.set(c);
        try (c) {
            try {
                T result = work.apply(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(c);
                forgetDeadConnections(c, e);
                throw new StoreException("state database work", e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(c);
                forgetDeadConnections(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("returning a state database connection", e);
        } finally {
            current.remove();
        }
    }

    /**
     * When H2 has closed the database (its disk refused a write), every pooled connection is dead: they are all let go
     * now, so that the next transactions open new ones, which open the database again once the disk has room.
     */
    private void forgetDeadConnections(Connection c, Throwable e) {
        if (!"H2".equals(product)) {
            return;
        }
        // an error inside H2 (its own assertions, with -ea) also means the database cannot be trusted any more
        boolean gone = e instanceof SQLException sql && H2DatabaseGone.isGone(sql) || e instanceof Error;
        if (gone || !isValid(c)) {
            LOG.warn("H2 closed the state database ({}): its connections are renewed; check the disk",
                    e instanceof SQLException sql ? "SQLState " + sql.getSQLState() : e.getClass().getSimpleName());
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed: SQLState {}", e.getSQLState());
        }
    }

    /** Closes the pool and, on H2, the database file itself. Open transactions roll back. */
    @Override
    public void close() {
        if ("H2".equals(product)) {
            // H2 ignores the pool's abort of busy connections; SHUTDOWN ends every session and releases the file
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                if (!H2_DATABASE_CLOSED.equals(e.getSQLState())) { // closing the statement after SHUTDOWN says so
                    LOG.warn("H2 shutdown failed: SQLState {}", e.getSQLState());
                }
            }
        }
        pool.close();
        LOG.info("State database at {} closed", redactedUrl);
    }

    @Override
    public String toString() {
        return "Database[" + product + " " + redactedUrl + "]";
    }
}
