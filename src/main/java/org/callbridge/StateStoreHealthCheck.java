package org.callbridge;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import java.time.Instant;
import org.callbridge.store.Database;
import org.callbridge.store.Watermarks;

/**
 * Readiness: the state database commits a write. Without that nothing can be acknowledged; answering a query is not
 * enough (an H2 file on a full disk still reads).
 */
final class StateStoreHealthCheck extends AbstractHealthCheck {
    /** The watermark the check writes: its time is the last check that could write. */
    static final String PROBE = "readiness-probe";
    private final Database database;
    private final Watermarks watermarks;

    StateStoreHealthCheck(Database database) {
        super("callbridge", "state-store");
        this.database = database;
        this.watermarks = new Watermarks(database);
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            watermarks.set(PROBE, Instant.now());
            builder.detail("database", database.product()).up();
        } catch (RuntimeException e) {
            builder.message("state database cannot commit: " + e.getClass().getSimpleName()).down();
        }
    }
}
