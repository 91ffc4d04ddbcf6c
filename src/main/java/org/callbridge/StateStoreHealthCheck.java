package org.callbridge;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.callbridge.store.Database;

/** Readiness: the state database answers a query. Without it nothing can be acknowledged. */
final class StateStoreHealthCheck extends AbstractHealthCheck {
    private final Database database;

    StateStoreHealthCheck(Database database) {
        super("callbridge", "state-store");
        this.database = database;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try {
            database.inTransaction(c -> c.isValid(2));
            builder.detail("database", database.product()).up();
        } catch (RuntimeException e) {
            builder.message("state database unreachable: " + e.getClass().getSimpleName()).down();
        }
    }
}
