package org.callbridge.operations;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import java.time.Duration;
import java.time.Instant;
import org.callbridge.store.Database;
import org.callbridge.store.Watermarks;

/**
 * Readiness: the state database commits a write. Without that nothing can be acknowledged; answering a query is not
 * enough (an H2 file on a full disk still reads).
 */
public final class StateStoreHealthCheck extends AbstractHealthCheck {
    /** The watermark the check writes: its time is the last check that could write. */
    static final String PROBE = "readiness-probe";
    private final Database database;
    private final Watermarks watermarks;
    private final Duration slowAfter;

    /** {@code slowAfter}: a transaction running longer than this makes the store DOWN, whatever a new one does. */
    public StateStoreHealthCheck(Database database, Duration slowAfter) {
        super("callbridge", "state-store");
        this.database = database;
        this.watermarks = new Watermarks(database);
        this.slowAfter = slowAfter;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Duration longest = database.longestRunning();
        if (longest.compareTo(slowAfter) > 0) {
            builder.message("a state database transaction has run for " + longest.toSeconds() + " s").down();
            return;
        }
        try {
            watermarks.set(PROBE, Instant.now());
            builder.detail("database", database.product()).up();
        } catch (RuntimeException e) {
            builder.message("state database cannot commit: " + e.getClass().getSimpleName()).down();
        }
    }
}
