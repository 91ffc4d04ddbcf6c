package org.callbridge.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.support.ScheduledPollConsumer;

/**
 * Readiness of the flows: every route is started, and every polling route (the file drops) still polls. A poll
 * loop can die while its route still says started (an error that ends the poll task), and then the inbox is never
 * read again: a route that has not begun a poll for ten poll delays, and at least five seconds, is DOWN, unless it
 * is in the middle of a long poll (a big file being read).
 */
public final class FlowsHealthCheck extends AbstractHealthCheck {
    /** Polls that may be missed before a route counts as no longer polling. */
    static final int MISSED_POLLS = 10;
    static final long MIN_STALL_MILLIS = 5_000;

    private final CamelContext camel;
    private final LongSupplier millis;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();

    private record Seen(long polls, long sinceMillis) {
    }

    public FlowsHealthCheck(CamelContext camel) {
        this(camel, System::currentTimeMillis);
    }

    FlowsHealthCheck(CamelContext camel, LongSupplier millis) {
        super("callbridge", "flows");
        this.camel = camel;
        this.millis = millis;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<String> problems = new ArrayList<>();
        long now = millis.getAsLong();
        for (Route route : camel.getRoutes()) {
            String id = route.getRouteId();
            ServiceStatus status = camel.getRouteController().getRouteStatus(id);
            if (status != ServiceStatus.Started) {
                problems.add(id + " is " + status);
                continue;
            }
            if (route.getConsumer() instanceof ScheduledPollConsumer poll && !poll.isPolling()) {
                long polls = poll.getCounter();
                Seen last = seen.compute(id, (k, before) -> before == null || before.polls() != polls
                        ? new Seen(polls, now) : before);
                long stall = Math.max(MIN_STALL_MILLIS, MISSED_POLLS * poll.getDelay());
                if (now - last.sinceMillis() > stall) {
                    problems.add(id + " has not polled for " + (now - last.sinceMillis()) / 1000 + " s");
                }
            }
        }
        builder.detail("routes", camel.getRoutes().size());
        if (problems.isEmpty()) {
            builder.up();
        } else {
            builder.message(String.join("; ", problems)).down();
        }
    }
}
