package org.callbridge.callsapi;

import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.function.Supplier;
import org.callbridge.retry.Backoff;

/**
 * Bounded retries of {@link TransientApiException} (5xx, 429, no connection) with exponential
 * backoff and jitter, honouring the API's Retry-After (see {@link Backoff}). Nothing else is retried: an ambiguous
 * POST needs a campaign look-up first, and a 400 will not change. Built on Resilience4j.
 */
public final class TransientRetry {
    private final Retry retry;

    /**
     * @param maxAttempts total tries, the first included
     * @param initial     first pause
     * @param max         longest pause, Retry-After included
     */
    public TransientRetry(String name, int maxAttempts, Duration initial, Duration max) {
        Backoff backoff = new Backoff(initial, max);
        RetryConfig config = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .retryOnException(e -> e instanceof TransientApiException)
                .intervalBiFunction((attempt, outcome) -> backoff.pauseMillis(attempt,
                        outcome.isLeft() && outcome.getLeft() instanceof TransientApiException t
                                ? t.retryAfter().orElse(null) : null))
                .failAfterMaxAttempts(false)
                .build();
        this.retry = Retry.of(name, config);
    }

    /** Runs the call, retrying transient failures; the last failure is rethrown when attempts run out. */
    public <T> T call(Supplier<T> call) {
        return Retry.decorateSupplier(retry, call).get();
    }

    /** Attempts made so far that failed and were retried, for metrics. */
    public long retriedFailures() {
        return retry.getMetrics().getNumberOfFailedCallsWithRetryAttempt() + retry.getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt();
    }
}
