package org.callbridge.posting;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.callbridge.callsapi.TransientRetry;
import org.callbridge.planning.BatchPlanner;

/**
 * The posting engine's configuration, validated; every key has a default.
 *
 * @param maxSize          {@code callbridge.batch.max-size} (100, 1..500): calls per POST
 * @param maxWait          {@code callbridge.batch.max-wait} (PT30S): how long a due call may wait for company
 * @param parkRetry        {@code callbridge.batch.park-retry} (PT5M): a parked batch is tried again this long after parking
 * @param scheduleLead     {@code callbridge.batch.schedule-lead} (PT1M): a {@code scheduledAt} is sent only when at
 *                         least this far ahead; a nearer slot is posted to call at once (never a scheduledAt in the past)
 * @param settleTime       {@code callbridge.batch.settle-time} (PT1M): a batch sent without an answer and not found
 *                         at the Calls API is posted again only this long after that POST began, so a request the
 *                         API is still working on cannot be doubled
 * @param dryRun           {@code callbridge.dry-run} (false): write the request bodies under the reports directory, post nothing
 * @param reportsDir       {@code callbridge.reports.dir} (work/reports)
 * @param retryAttempts    {@code callbridge.post.retry.max-attempts} (4): tries per request, the first included
 * @param retryInitial     {@code callbridge.post.retry.initial-backoff} (PT0.5S): first pause, doubled with jitter
 * @param retryMax         {@code callbridge.post.retry.max-backoff} (PT30S): longest pause, Retry-After included
 * @param maxEventsPerCycle {@code callbridge.planning.max-events} (1000): events read per planning cycle
 */
public record PostingSettings(int maxSize, Duration maxWait, Duration parkRetry, Duration scheduleLead,
                              Duration settleTime, boolean dryRun,
                              Path reportsDir, int retryAttempts, Duration retryInitial, Duration retryMax,
                              int maxEventsPerCycle) {

    public static final String MAX_WAIT = "callbridge.batch.max-wait";
    public static final String PARK_RETRY = "callbridge.batch.park-retry";
    public static final String SCHEDULE_LEAD = "callbridge.batch.schedule-lead";
    public static final String SETTLE_TIME = "callbridge.batch.settle-time";
    public static final String DRY_RUN = "callbridge.dry-run";
    public static final String REPORTS_DIR = "callbridge.reports.dir";
    public static final String RETRY_ATTEMPTS = "callbridge.post.retry.max-attempts";
    public static final String RETRY_INITIAL = "callbridge.post.retry.initial-backoff";
    public static final String RETRY_MAX = "callbridge.post.retry.max-backoff";
    public static final String MAX_EVENTS = "callbridge.planning.max-events";

    public PostingSettings {
        if (retryAttempts < 1) {
            throw new IllegalArgumentException(RETRY_ATTEMPTS + ": must be at least 1");
        }
        if (retryInitial.toMillis() < 1 || retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException(RETRY_INITIAL + " must be at least 1 ms and at most " + RETRY_MAX);
        }
        if (maxEventsPerCycle < 1) {
            throw new IllegalArgumentException(MAX_EVENTS + ": must be at least 1");
        }
    }

    /** Reads the settings from configuration properties; a bad value is a one-line message naming the key. */
    public static PostingSettings fromProperties(Map<String, String> props) {
        return new PostingSettings(
                BatchPlanner.fromProperties(props).maxSize(),
                duration(props, MAX_WAIT, "PT30S"),
                duration(props, PARK_RETRY, "PT5M"),
                duration(props, SCHEDULE_LEAD, "PT1M"),
                duration(props, SETTLE_TIME, "PT1M"),
                Boolean.parseBoolean(text(props, DRY_RUN, "false")),
                Path.of(text(props, REPORTS_DIR, "work/reports")),
                integer(props, RETRY_ATTEMPTS, "4"),
                duration(props, RETRY_INITIAL, "PT0.5S"),
                duration(props, RETRY_MAX, "PT30S"),
                integer(props, MAX_EVENTS, "1000"));
    }

    /** A bounded retry of transient Calls API failures with these settings. */
    public TransientRetry newRetry(String name) {
        return new TransientRetry(name, retryAttempts, retryInitial, retryMax);
    }

    private static String text(Map<String, String> props, String key, String fallback) {
        String value = props.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static Duration duration(Map<String, String> props, String key, String fallback) {
        String value = text(props, key, fallback);
        try {
            Duration d = Duration.parse(value);
            if (d.isNegative()) {
                throw new IllegalArgumentException(key + ": '" + value + "' must not be negative");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not an ISO 8601 duration such as PT30S");
        }
    }

    private static int integer(Map<String, String> props, String key, String fallback) {
        String value = text(props, key, fallback);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number");
        }
    }
}
