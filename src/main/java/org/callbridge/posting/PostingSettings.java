package org.callbridge.posting;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.callbridge.callsapi.TransientRetry;

/**
 * The posting engine's configuration, validated; every key has a default.
 *
 * @param maxSize          calls per POST
 * @param maxWait          how long a due call may wait for company
 * @param parkRetry        a parked batch is tried again this long after parking
 * @param scheduleLead     a {@code scheduledAt} is sent only when at
 *                         least this far ahead; a nearer slot is posted to call at once (never a scheduledAt in the past)
 * @param settleTime       a batch sent without an answer and not found
 *                         at the Calls API is posted again only this long after that POST began, so a request the
 *                         API is still working on cannot be doubled
 * @param dryRun           write the request bodies under the reports directory, post nothing
 * @param reportsDir       (work/reports)
 * @param retryAttempts    tries per request, the first included
 * @param retryInitial     first pause, doubled with jitter
 * @param retryMax         longest pause, Retry-After included
 * @param maxEventsPerCycle events read per planning cycle
 */
public record PostingSettings(int maxSize, Duration maxWait, Duration parkRetry, Duration scheduleLead,
                              Duration settleTime, boolean dryRun,
                              Path reportsDir, int retryAttempts, Duration retryInitial, Duration retryMax,
                              int maxEventsPerCycle) {

    public PostingSettings {
        if (retryAttempts < 1) {
            throw new IllegalArgumentException("retry attempts must be at least 1");
        }
        if (retryInitial.toMillis() < 1 || retryMax.compareTo(retryInitial) < 0) {
            throw new IllegalArgumentException("the first retry backoff must be at least 1 ms and at most the longest");
        }
        if (maxEventsPerCycle < 1) {
            throw new IllegalArgumentException("events per planning cycle must be at least 1");
        }
    }

    /** A bounded retry of transient Calls API failures with these settings. */
    public TransientRetry newRetry(String name) {
        return new TransientRetry(name, retryAttempts, retryInitial, retryMax);
    }
}
