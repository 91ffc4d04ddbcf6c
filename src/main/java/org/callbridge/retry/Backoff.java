package org.callbridge.retry;

import io.github.resilience4j.core.IntervalFunction;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The pause before the next try of a bounded retry: exponential from {@code initial} (doubled each try, with 50%
 * jitter, never longer than {@code max}), or the receiver's {@code Retry-After} when it sent one, also capped at
 * {@code max}. Pure and thread-safe; the jitter comes from Resilience4j's {@link IntervalFunction}.
 */
public final class Backoff {
    static final double MULTIPLIER = 2.0;
    static final double JITTER = 0.5;

    private final IntervalFunction exponential;
    private final Duration max;

    /**
     * @param initial first pause
     * @param max     longest pause, Retry-After included
     */
    public Backoff(Duration initial, Duration max) {
        this.exponential = IntervalFunction.ofExponentialRandomBackoff(initial, MULTIPLIER, JITTER, max);
        this.max = max;
    }

    /**
     * Milliseconds to wait after {@code attempt} failed tries (1 after the first).
     *
     * @param retryAfter how long the receiver asked to wait, or null for the backoff
     */
    public long pauseMillis(int attempt, Duration retryAfter) {
        if (retryAfter != null) {
            // compared as durations: a huge Retry-After must not overflow the milliseconds
            return (retryAfter.compareTo(max) > 0 ? max : retryAfter).toMillis();
        }
        return exponential.apply(attempt);
    }

    /**
     * A {@code Retry-After} header as a wait from {@code now}: delta-seconds ({@code 120}) or an HTTP-date
     * ({@code Wed, 21 Oct 2026 07:28:00 GMT}). Null when absent, unreadable, negative or a date already past, so that
     * the backoff applies.
     */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            // not a number: an HTTP-date, or nothing usable
        }
        try {
            Duration wait = Duration.between(now, ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
            return wait.isNegative() ? null : wait;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
