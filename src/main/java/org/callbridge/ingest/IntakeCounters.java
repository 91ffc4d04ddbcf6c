package org.callbridge.ingest;

import org.callbridge.operations.MetricNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.callbridge.store.AppendResult;

/** Counts what each source gave: events stored, duplicates, rejections ({@code callbridge_events_*} metrics). */
public final class IntakeCounters {
    private final MeterRegistry registry;

    public IntakeCounters(MeterRegistry registry) {
        this.registry = registry;
    }

    void stored(String source, AppendResult result) {
        if (result.isConflict()) {
            registry.counter(MetricNames.APPOINTMENT_CONFLICTS, "source", source).increment();
            return;
        }
        registry.counter(MetricNames.EVENTS_INGESTED, "source", source, "result",
                result.isStored() ? "stored" : "duplicate").increment();
    }

    void rejected(String source) {
        registry.counter(MetricNames.EVENTS_REJECTED, "source", source).increment();
    }

    /** A dropped file changed while it was read: it stays in the inbox and is read again. */
    void changedWhileRead(String source) {
        registry.counter(MetricNames.FILES_CHANGED, "source", source, "when", "while-read").increment();
    }

    /** A dropped file changed after it was read and moved: it goes back to the inbox to be read again. */
    void changedAfterRead(String source) {
        registry.counter(MetricNames.FILES_CHANGED, "source", source, "when", "after-read").increment();
    }

    /** Total so far for a meter and tags, for summaries. */
    public double count(String name, String... tags) {
        return Search.in(registry).name(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
