package org.callbridge.console;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BasicAuthHandler;
import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the console ({@code /console/}, static pages from the jar's {@code console/} folder) and the ops API
 * ({@code /ops/v1/}) on the management server, behind {@link ConsoleAccess}. Health and metrics on the same server
 * stay as they are, unauthenticated (the Prometheus convention).
 */
public final class ConsoleServer {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);

    private ConsoleServer() {
    }

    /** Mounts the console on the running management server of this context; false when there is none. */
    public static boolean mount(CamelContext camel, String user, String password, OpsApi.Parts parts, Clock clock) {
        ManagementHttpServer server = camel.hasService(ManagementHttpServer.class);
        if (server == null || server.getRouter() == null) {
            LOG.warn("console: the management server is off (" + org.callbridge.config.Keys.MANAGEMENT_PORT.key() + " empty), so the console is too");
            return false;
        }
        mount(server.getRouter(), user, password, parts, clock);
        return true;
    }

    static void mount(Router router, String user, String password, OpsApi.Parts parts, Clock clock) {
        ConsoleAccess access = new ConsoleAccess(user, password, clock);
        BasicAuthHandler basic = BasicAuthHandler.create(access, ConsoleAccess.REALM);
        for (String path : new String[] {"/console/*", OpsApi.BASE + "/*"}) {
            router.route(path).order(-110).handler(access::throttle);
            router.route(path).order(-100).handler(basic).handler(access::actions).failureHandler(ConsoleServer::failed);
        }
        // a Vert.x route for "/console" matches "/console/" too: only the bare path is sent on to the page
        router.get("/console").handler(ctx -> {
            if ("/console".equals(ctx.request().path())) {
                ctx.redirect("/console/");
            } else {
                ctx.next();
            }
        });
        ConsolePages pages = new ConsolePages();
        router.get("/console/*").handler(pages::serve);
        new OpsApi(parts).mount(router);
    }

    /** A refused sign-in (the same answer for a wrong user and a wrong password) or an error, as JSON. */
    private static void failed(io.vertx.ext.web.RoutingContext ctx) {
        int status = ctx.statusCode() < 0 ? 500 : ctx.statusCode();
        if (status == 500 && ctx.failure() instanceof IllegalArgumentException) {
            // a query string that cannot be decoded (a lone %): the request is wrong, not the server
            status = 400;
        }
        if (status == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"" + ConsoleAccess.REALM + "\", charset=\"UTF-8\"");
            OpsApi.error(ctx, 401, "sign-in required: the user or the password is wrong or missing");
            return;
        }
        if (status >= 500) {
            LOG.warn("console: {} failed: {}", ctx.request().path(), ctx.failure() == null ? "error" : ctx.failure().getClass().getSimpleName());
        }
        OpsApi.error(ctx, status, status >= 500 ? "internal error; see the log" : "request refused");
    }
}
