package org.callbridge.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import org.callbridge.store.BatchState;
import org.callbridge.store.CallState;
import org.callbridge.store.OutboxSummary;
import org.callbridge.store.Watermarks;

/**
 * Gauges over the outbox for Prometheus: calls by state, batches by state (parked ones
 * included), report deliveries by sink and state, events waiting, and poll lag. Read from the
 * database at most every few seconds, however often the endpoint is scraped.
 */
public final class OutboxMetrics {
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private final OutboxSummary summary;
    private final Watermarks watermarks;
    private final Clock clock;
    private volatile Snapshot snapshot;

    private record Snapshot(Instant at, Map<String, Long> calls, Map<String, Long> batches, Map<String, Long> deliveries,
            long waiting, double pollLagSeconds) {
    }

    public OutboxMetrics(OutboxSummary summary, Watermarks watermarks, Clock clock) {
        this.summary = summary;
        this.watermarks = watermarks;
        this.clock = clock;
    }

    public void bindTo(MeterRegistry registry, Iterable<String> sinks) {
        for (CallState state : CallState.values()) {
            gauge(registry, MetricNames.CALLS, "planned calls by state", s -> s.calls().getOrDefault(state.name(), 0L), "state", state.name());
        }
        for (BatchState state : BatchState.values()) {
            gauge(registry, MetricNames.BATCHES, "batches by state; PARKED need attention", s -> s.batches().getOrDefault(state.name(), 0L),
                    "state", state.name());
        }
        for (String sink : sinks) {
            for (String state : new String[] {"PENDING", "DELIVERED", "PARKED"}) {
                gauge(registry, MetricNames.REPORTS, "report deliveries by sink and state",
                        s -> s.deliveries().getOrDefault(sink + ":" + state, 0L), "sink", sink, "state", state);
            }
        }
        gauge(registry, MetricNames.EVENTS_WAITING, "events not yet planned", Snapshot::waiting);
        Gauge.builder(MetricNames.POLL_LAG_SECONDS, () -> current().pollLagSeconds()).strongReference(true)
                .description("seconds since the newest ended call the poller has seen").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, Function<Snapshot, Long> value, String... tags) {
        // held strongly: nothing else holds these metrics, and a weakly held gauge reads NaN after a collection
        Gauge.builder(name, () -> value.apply(current())).strongReference(true).description(description).tags(tags)
                .register(registry);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = clock.instant();
        if (s == null || s.at().plus(REFRESH).isBefore(now)) {
            double lag = watermarks.get(org.callbridge.results.ResultsPoller.WATERMARK).map(w -> Duration.between(w, now).toMillis() / 1000.0).orElse(Double.NaN);
            s = new Snapshot(now, summary.callsByState(), summary.batchesByState(), summary.deliveriesByState(),
                    summary.eventsWaiting(), lag);
            snapshot = s;
        }
        return s;
    }
}
