package org.callbridge.console;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.auth.authentication.UsernamePasswordCredentials;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the console and the ops API, and how: HTTP Basic against one configured user (both parts compared in
 * constant time, and a wrong answer never says which part was wrong), repeated failures from one address slowed down
 * ({@link SignInThrottle}), actions only as POSTs that carry {@value #ACTION_HEADER} and, when the browser names its
 * origin, come from this server's own pages (a cross-site page can do neither), and headers that keep the pages out
 * of frames and caches.
 */
final class ConsoleAccess implements AuthenticationProvider {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAccess.class);
    static final String ACTION_HEADER = "X-Callbridge-Action";
    static final String REALM = "callbridge";
    /**
     * Set on a browser once it signed in: its later attempts skip the address's penalty, so neither a guesser on the
     * same address (a terminal server, a NAT) nor a spray of addresses can lock out the person who knows the password.
     * It proves a past sign-in only; every request still carries and checks the password. New with each start.
     */
    static final String SIGNED_IN_COOKIE = "callbridge-signed-in";

    private final byte[] user;
    private final byte[] password;
    private final SignInThrottle throttle;
    private final String signedInToken;

    ConsoleAccess(String user, String password, Clock clock) {
        this.user = digest(user);
        this.password = digest(password);
        this.throttle = new SignInThrottle(clock);
        byte[] token = new byte[32];
        new SecureRandom().nextBytes(token);
        this.signedInToken = Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    @Override
    public void authenticate(JsonObject credentials, Handler<AsyncResult<User>> resultHandler) {
        resultHandler.handle(check(credentials.getString("username"), credentials.getString("password")));
    }

    @Override
    public Future<User> authenticate(io.vertx.ext.auth.authentication.Credentials credentials) {
        if (credentials instanceof UsernamePasswordCredentials up) {
            return check(up.getUsername(), up.getPassword());
        }
        return Future.failedFuture("wrong user or password");
    }

    private Future<User> check(String givenUser, String givenPassword) {
        // both compared every time, in constant time: neither the answer nor its timing tells which part was wrong
        boolean userOk = MessageDigest.isEqual(user, digest(givenUser));
        boolean passwordOk = MessageDigest.isEqual(password, digest(givenPassword));
        return userOk & passwordOk ? Future.succeededFuture(User.fromName(givenUser))
                : Future.failedFuture("wrong user or password");
    }

    /**
     * First on every console and ops request: a sign-in attempt waits out its address's penalty, or is refused
     * unchecked (429) while another attempt from the slowed address waits; then counts how the sign-in went.
     */
    void throttle(RoutingContext ctx) {
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        boolean signedInBefore = signedInBefore(ctx);
        ctx.addHeadersEndHandler(ignored -> {
            int status = ctx.response().getStatusCode();
            if (status == 401 && ctx.request().getHeader("Authorization") != null) {
                int failures = throttle.failed(address);
                // logged on the first failure and when slowing down starts, not once per attempt of a flood
                if (failures == 1 || failures == SignInThrottle.FREE) {
                    LOG.warn("console sign-in refused from {} ({} failure(s) in {} min{})", address, failures,
                            SignInThrottle.WINDOW.toMinutes(), failures >= SignInThrottle.FREE ? "; further attempts are slowed" : "");
                }
            } else if (status != 401 && ctx.user() != null && !signedInBefore) {
                // a browser that signed in before does not clear its address: a guesser beside it keeps its penalty
                throttle.succeeded(address);
                ctx.response().putHeader("Set-Cookie", SIGNED_IN_COOKIE + "=" + signedInToken + "; Path=/; HttpOnly;"
                        + " SameSite=Strict" + (ctx.request().isSSL() ? "; Secure" : ""));
            }
            ctx.response().putHeader("X-Frame-Options", "DENY")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'");
        });
        if (ctx.request().getHeader("Authorization") == null || signedInBefore) {
            // nothing to check, so nothing to slow down (answered at once: 401); or a browser that signed in before
            ctx.next();
            return;
        }
        Optional<Duration> wait = throttle.admit(address);
        if (wait.isEmpty()) {
            // another attempt from this address is waiting its turn: this one is not checked at all
            ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, throttle.delayFor(address).toSeconds())));
            OpsApi.error(ctx, 429, "too many failed sign-ins from this address; try again in a moment");
        } else if (wait.get().isZero()) {
            ctx.next();
        } else {
            ctx.vertx().setTimer(wait.get().toMillis(), id -> ctx.next());
        }
    }

    /** After sign-in, on every request: an action must be a POST with the action header, from this server's pages. */
    void actions(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.next();
            return;
        }
        String origin = ctx.request().getHeader("Origin");
        String host = ctx.request().getHeader("Host");
        boolean sameOrigin = origin == null || host != null
                && (origin.equals("http://" + host) || origin.equals("https://" + host));
        if (ctx.request().getHeader(ACTION_HEADER) == null || !sameOrigin) {
            OpsApi.error(ctx, 403, "actions need a POST from the console's own pages (or the " + ACTION_HEADER + " header)");
            return;
        }
        ctx.next();
    }

    private boolean signedInBefore(RoutingContext ctx) {
        io.vertx.core.http.Cookie cookie = ctx.request().getCookie(SIGNED_IN_COOKIE);
        return cookie != null && MessageDigest.isEqual(signedInToken.getBytes(StandardCharsets.UTF_8),
                cookie.getValue().getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest((text == null ? "" : text).getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
