package org.callbridge.results;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import javax.net.ssl.SSLContext;
import org.callbridge.tls.Tls;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Objects;
import org.callbridge.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code webhook} sink: POSTs each report as its {@link WebhookRequest} (the JSON report, signed, with the call
 * id as {@code Idempotency-Key}) with the JDK HTTP client. 2xx is delivered. 5xx, 408, 429, a timeout or no
 * connection is retried with exponential backoff and jitter ({@code Retry-After} honoured), Resilience4j, then left
 * to {@link ReportDelivery} as {@link ReceiverUnavailableException}; any other status is a
 * {@link ReportRejectedException}, not retried. Redirects are not followed: the signed body goes only where
 * configured.
 *
 * <p>Delivery is at least once: a crash between the receiver's 2xx and the delivery's commit, or an answer lost on
 * the way back, sends the report again with the same body and {@code Idempotency-Key}; receivers drop repeats by
 * that key. Logs carry call ids and statuses only, never the URL, the secret or a body.
 */
public final class WebhookSink extends PerCallSink {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);

    private final WebhookSettings settings;
    private final URI target;
    private final String authorization;
    private final HttpClient http;
    private final Retry retry;
    private final Clock clock;

    public WebhookSink(WebhookSettings settings, Clock clock) {
        this(settings, clock, null);
    }

    /** @param trust the TLS context for an https receiver (its truststore), or null for the JDK's CAs */
    public WebhookSink(WebhookSettings settings, Clock clock, SSLContext trust) {
        this.settings = settings;
        this.clock = clock;
        URI url = settings.url();
        this.target = URI.create(url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + Objects.toString(url.getRawPath(), "") + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
        this.authorization = url.getUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(url.getUserInfo().getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .sslParameters(Tls.clientParameters());
        if (trust != null) {
            builder.sslContext(trust);
        }
        this.http = builder.build();
        this.retry = Retry.of("webhook", retryConfig(settings));
        retry.getEventPublisher().onRetry(e -> LOG.info("Webhook receiver unavailable ({}), try {} in {} ms",
                e.getLastThrowable().getMessage(), e.getNumberOfRetryAttempts() + 1, e.getWaitInterval().toMillis()));
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    protected void send(CallReport report) throws DeliveryException {
        try {
            retry.executeCheckedSupplier(() -> post(report));
        } catch (DeliveryException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("webhook delivery failed with " + e.getClass().getSimpleName(), e);
        }
    }

    private Integer post(CallReport report) throws DeliveryException {
        WebhookRequest request = WebhookRequest.of(report, settings.secret(), clock.instant());
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(settings.requestTimeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpResponse<Void> response;
        try {
            response = http.send(builder.build(), HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new ReceiverUnavailableException("no answer from the webhook receiver in time");
        } catch (IOException e) {
            // the JDK's message may name the host; the type is enough to tell refused from reset
            throw new ReceiverUnavailableException("webhook receiver unreachable (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a webhook");
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            LOG.debug("Webhook delivered for call {} (HTTP {})", report.callId(), status);
            return status;
        }
        if (status >= 500 || status == 408 || status == 429) {
            throw new ReceiverUnavailableException("webhook receiver answered HTTP " + status,
                    Backoff.retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant()));
        }
        throw new ReportRejectedException("webhook receiver answered HTTP " + status);
    }

    private static RetryConfig retryConfig(WebhookSettings settings) {
        Backoff backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        return RetryConfig.custom()
                .maxAttempts(settings.maxAttempts())
                .retryExceptions(ReceiverUnavailableException.class)
                .intervalBiFunction((attempt, outcome) -> backoff.pauseMillis(attempt,
                        outcome.isLeft() && outcome.getLeft() instanceof ReceiverUnavailableException u
                                ? u.retryAfter().orElse(null) : null))
                .failAfterMaxAttempts(false)
                .build();
    }
}
