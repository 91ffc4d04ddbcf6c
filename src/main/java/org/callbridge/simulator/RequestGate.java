package org.callbridge.simulator;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every request passes before an endpoint sees it: counting, injected faults (decided before any work),
 * and the X-API-Key check that binds the request to exactly one organization.
 */
final class RequestGate {

    static final String ORGANIZATION = RequestGate.class.getName() + ".organization";
    static final String AMBIGUOUS = RequestGate.class.getName() + ".ambiguous";

    private final Vertx vertx;
    private final FaultInjector faults;
    private final Map<String, Organization> organizationsByKey;
    private final AtomicLong requests;
    private final Clock clock;

    RequestGate(Vertx vertx, FaultInjector faults, Map<String, Organization> organizationsByKey, AtomicLong requests,
            Clock clock) {
        this.vertx = vertx;
        this.faults = faults;
        this.organizationsByKey = Map.copyOf(organizationsByKey);
        this.requests = requests;
        this.clock = clock;
    }

    void count(RoutingContext ctx) {
        requests.incrementAndGet();
        ctx.next();
    }

    /** Latency is a Vert.x timer, never a sleep: the event loop keeps serving other requests meanwhile. */
    void injectFaults(RoutingContext ctx) {
        FaultInjector.Decision decision = faults.next();
        if (faults.latencyMillis() > 0) {
            vertx.setTimer(faults.latencyMillis(), timer -> apply(ctx, decision));
        } else {
            apply(ctx, decision);
        }
    }

    void authenticate(RoutingContext ctx) {
        String key = ctx.request().getHeader("X-API-Key");
        if (key == null || key.isBlank()) {
            Responses.error(ctx, 401, "Missing API key", clock);
            return;
        }
        Organization org = organizationsByKey.get(key);
        if (org == null) {
            Responses.error(ctx, 401, "Invalid API key", clock);
            return;
        }
        ctx.put(ORGANIZATION, org);
        ctx.next();
    }

    private void apply(RoutingContext ctx, FaultInjector.Decision decision) {
        if (decision.error()) {
            Responses.error(ctx, 500, "Internal server error", clock);
        } else if (decision.throttle()) {
            ctx.response().putHeader("Retry-After", Integer.toString(faults.retryAfterSeconds()));
            Responses.error(ctx, 429, "Too many requests", clock);
        } else {
            ctx.put(AMBIGUOUS, decision.ambiguous());
            ctx.next();
        }
    }
}
