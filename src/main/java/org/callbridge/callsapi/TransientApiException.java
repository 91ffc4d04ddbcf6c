package org.callbridge.callsapi;

import java.time.Duration;
import java.util.Optional;

/**
 * 5xx, 429, or no connection: the request did not take effect and may be sent again after a
 * pause ({@link #retryAfter()} when the API said how long).
 */
public class TransientApiException extends CallsApiException {
    private final Duration retryAfter;

    public TransientApiException(int status, String message, String requestId, Duration retryAfter, Throwable cause) {
        super(status, message, requestId, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
