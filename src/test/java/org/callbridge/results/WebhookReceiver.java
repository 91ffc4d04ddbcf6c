package org.callbridge.results;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * A webhook receiver on 127.0.0.1: records every POST (key, body, whether its signature verifies) and answers with
 * the status a script gives for the request's number (1-based) and {@code Idempotency-Key}. {@link #HANG} holds the
 * request unanswered until the receiver closes; 429 and 503 answers carry {@code Retry-After: 0}.
 */
final class WebhookReceiver implements AutoCloseable {
    static final int HANG = -1;

    /** One request as received, and what it was answered. */
    record Received(String key, byte[] body, boolean signed, String authorization, String pathAndQuery, String timestamp,
            int answered) {
        boolean accepted() {
            return answered / 100 == 2;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final String secret;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile BiFunction<Integer, String, Integer> script = (n, key) -> 200;

    private WebhookReceiver(String secret, javax.net.ssl.SSLContext tls) {
        this.secret = secret;
        try {
            if (tls == null) {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            } else {
                com.sun.net.httpserver.HttpsServer https = com.sun.net.httpserver.HttpsServer.create(
                        new InetSocketAddress("127.0.0.1", 0), 50);
                https.setHttpsConfigurator(new com.sun.net.httpserver.HttpsConfigurator(tls));
                server = https;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static WebhookReceiver start(String secret) {
        return new WebhookReceiver(secret, null);
    }

    /** Over https, with the certificate of this context. */
    static WebhookReceiver startTls(String secret, javax.net.ssl.SSLContext tls) {
        return new WebhookReceiver(secret, tls);
    }

    /** Answers the n-th request (1-based) with key {@code key} by the status the script gives. */
    WebhookReceiver answer(BiFunction<Integer, String, Integer> script) {
        this.script = script;
        return this;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/calls");
    }

    int port() {
        return server.getAddress().getPort();
    }

    synchronized List<Received> all() {
        return List.copyOf(received);
    }

    List<Received> accepted() {
        return all().stream().filter(Received::accepted).toList();
    }

    Set<String> acceptedKeys() {
        return accepted().stream().map(Received::key).collect(Collectors.toSet());
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        int status = script.apply(count.incrementAndGet(), key);
        if (status == HANG) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        boolean signed = WebhookSignature.verify(exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER), body,
                secret, Duration.ofMinutes(5), Instant.now());
        synchronized (this) {
            received.add(new Received(key, body, signed, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestURI().toString(), exchange.getRequestHeaders().getFirst(WebhookRequest.TIMESTAMP_HEADER),
                    status));
        }
        if (status == 429 || status == 503) {
            exchange.getResponseHeaders().add("Retry-After", "0");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
