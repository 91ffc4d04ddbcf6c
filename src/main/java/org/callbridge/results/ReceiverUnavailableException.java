package org.callbridge.results;

import java.time.Duration;
import java.util.Optional;

/**
 * The receiver could not be reached or gave no usable answer (connection refused, timeout, HTTP 5xx, 408 or 429, no
 * ACK). Retried with backoff where the sink does so; once retries run out the rest of the page waits for a later
 * cycle, since the next report would meet the same receiver.
 */
public final class ReceiverUnavailableException extends DeliveryException {
    private final transient Duration retryAfter;

    public ReceiverUnavailableException(String message) {
        this(message, null);
    }

    /** @param retryAfter how long the receiver asked to wait, or null */
    public ReceiverUnavailableException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
