package org.callbridge.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-memory Calls API on a real HTTP server (Vert.x Web), serving every organization of a fixture file,
 * with the documented lifecycle, pagination, errors and optional injected faults.
 */
public final class CallsApiSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallsApiSimulator.class);
    private static final long STARTUP_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpServer server;
    private final LifecycleTicker ticker;
    private final SimulatedCallStore store;
    private final AtomicLong requests;
    private final String host;
    private boolean closed;

    private CallsApiSimulator(Vertx vertx, HttpServer server, LifecycleTicker ticker, SimulatedCallStore store,
            AtomicLong requests, String host) {
        this.vertx = vertx;
        this.server = server;
        this.ticker = ticker;
        this.store = store;
        this.requests = requests;
        this.host = host;
    }

    /** Starts serving on host:port (port 0 picks a free one) and returns once the server listens. */
    public static CallsApiSimulator start(SimulatorFixtures fixtures, String host, int port) {
        Clock clock = Clock.systemUTC();
        Map<String, Organization> byKey = new HashMap<>();
        List<Organization> organizations = fixtures.organizations().stream().map(fixture -> {
            Organization org = new Organization(fixture);
            fixture.apiKeys().forEach(key -> byKey.put(key, org));
            return org;
        }).toList();
        SimulatedCallStore store = new SimulatedCallStore(organizations, new CallLifecycle(fixtures), clock);
        AtomicLong requests = new AtomicLong();
        // No file caching or class-path resolving: nothing is served from files, so nothing is written beside the jar.
        Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
                new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        RequestGate gate = new RequestGate(vertx, new FaultInjector(fixtures.faults()), byKey, requests, clock);
        HttpServer server;
        try {
            // HTTP/1.1 only: closing a connection then drops exactly one exchange, not every stream multiplexed on it.
            server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false))
                    .requestHandler(CallsApiRouter.create(vertx, gate, new CallsEndpoints(store, clock), clock))
                    .listen(port, host)
                    .toCompletionStage().toCompletableFuture()
                    .get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            awaitClose(vertx);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
        CallsApiSimulator simulator = new CallsApiSimulator(vertx, server, new LifecycleTicker(store), store, requests,
                host);
        LOG.debug("Calls API simulator listening on {} ({} organizations)", simulator.baseUrl(), organizations.size());
        return simulator;
    }

    public int port() {
        return server.actualPort();
    }

    public String baseUrl() {
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port();
    }

    /** Stops the lifecycle and the server; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ticker.close();
        awaitClose(vertx);
        LOG.info("Calls API simulator stopped after {} requests", requests.get());
    }

    /** Every call of every organization, in creation order. */
    public List<SimulatedCall> calls() {
        return store.allCalls();
    }

    /** Every campaign of every organization, by creation time. */
    public List<SimulatedCampaign> campaigns() {
        return store.allCampaigns();
    }

    /** HTTP requests received so far, including refused ones and those answered by an injected fault. */
    public long requestCount() {
        return requests.get();
    }

    private static void awaitClose(Vertx vertx) {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Calls API simulator did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
