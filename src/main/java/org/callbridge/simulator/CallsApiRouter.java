package org.callbridge.simulator;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the gate and the endpoints into a Vert.x router and turns every failure into the API's error envelope. */
final class CallsApiRouter {

    private static final Logger LOG = LoggerFactory.getLogger(CallsApiRouter.class);
    private static final long BODY_LIMIT_BYTES = 16L * 1024 * 1024;

    private CallsApiRouter() {
    }

    static Router create(Vertx vertx, RequestGate gate, CallsEndpoints endpoints, Clock clock) {
        Router router = Router.router(vertx);
        router.route().handler(gate::count);
        // The body is read before any asynchronous step (injected latency) so no bytes are missed; no upload files.
        router.route().handler(BodyHandler.create(false).setBodyLimit(BODY_LIMIT_BYTES));
        router.route().handler(gate::injectFaults);
        router.route("/api/v1/calls*").handler(gate::authenticate);
        router.post("/api/v1/calls").handler(endpoints::create);
        router.get("/api/v1/calls").handler(endpoints::list);
        // Declared before /:callId so that "campaigns" is never read as a call id.
        router.get("/api/v1/calls/campaigns").handler(endpoints::campaigns);
        router.get("/api/v1/calls/campaigns/:batchId").handler(endpoints::campaign);
        router.get("/api/v1/calls/:callId").handler(endpoints::get);
        router.delete("/api/v1/calls/:callId").handler(endpoints::hangUp);
        router.route().handler(ctx -> Responses.error(ctx, 404,
                "Cannot " + ctx.request().method().name() + " " + ctx.request().path(), clock));
        router.route().failureHandler(ctx -> fail(ctx, clock));
        return router;
    }

    private static void fail(RoutingContext ctx, Clock clock) {
        Throwable failure = ctx.failure();
        if (failure instanceof ApiException refused) {
            if (refused.body() != null) {
                Responses.json(ctx, refused.status(), refused.body());
            } else {
                Responses.error(ctx, refused.status(), refused.getMessage(), clock);
            }
        } else if (failure == null) {
            int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
            Responses.error(ctx, status, HttpResponseStatus.valueOf(status).reasonPhrase(), clock);
        } else {
            LOG.warn("Request {} {} failed: {}", ctx.request().method(), ctx.request().path(), failure.toString());
            Responses.error(ctx, 500, "Internal server error", clock);
        }
    }
}
