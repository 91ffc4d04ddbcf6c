package org.callbridge.results;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where report webhooks go and how hard to try. {@link #toString()} shows neither the secret nor the URL's user
 * info or query, which may hold credentials.
 *
 * @param url            the receiver, {@code http} or {@code https}; a {@code user:password@} in it is sent as HTTP
 *                       Basic authentication
 * @param secret         the key of the {@link WebhookSignature}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for the answer to one POST
 * @param maxAttempts    tries per report in one cycle, the first included
 * @param initialBackoff first pause between tries, doubled each time, with jitter
 * @param maxBackoff     longest pause, {@code Retry-After} included
 */
public record WebhookSettings(URI url, String secret, Duration connectTimeout, Duration requestTimeout, int maxAttempts,
        Duration initialBackoff, Duration maxBackoff) {

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        // the URL may carry credentials, so no message here repeats it
        if (!("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme())) || url.getHost() == null) {
            throw new IllegalArgumentException("webhook URL is not an http(s) URL with a host");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("webhook secret is empty");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("webhook max attempts must be at least 1");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** The URL without user info, query or fragment: what may be shown. */
    public String redactedUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + Objects.toString(url.getRawPath(), "");
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + redactedUrl() + ", secret=(hidden), connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", maxAttempts=" + maxAttempts + ", initialBackoff="
                + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
    }
}
