package org.callbridge.operations;

/**
 * The name of every metric callbridge publishes, in one place (Micrometer's dotted form; Prometheus shows
 * {@code callbridge.events.ingested} as {@code callbridge_events_ingested_total}). The README's metrics table lists them.
 */
public final class MetricNames {
    public static final String EVENTS_INGESTED = "callbridge.events.ingested";
    public static final String EVENTS_REJECTED = "callbridge.events.rejected";
    public static final String APPOINTMENT_CONFLICTS = "callbridge.appointment.conflicts";
    public static final String FILES_CHANGED = "callbridge.files.changed";
    public static final String MLLP_UNANSWERED_BYTES = "callbridge.mllp.unanswered.bytes";
    public static final String EVENTS_WAITING = "callbridge.events.waiting";
    public static final String CALLS = "callbridge.calls";
    public static final String BATCHES = "callbridge.batches";
    public static final String REPORTS = "callbridge.reports";
    public static final String POLL_LAG_SECONDS = "callbridge.poll.lag.seconds";
    public static final String API_REQUESTS = "callbridge.api.requests";

    private MetricNames() {
    }
}
