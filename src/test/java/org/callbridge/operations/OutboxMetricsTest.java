package org.callbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.callbridge.store.Database;
import org.callbridge.store.OutboxSummary;
import org.callbridge.store.Watermarks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox gauges keep reading the outbox after the objects behind them are only reachable through the registry. */
class OutboxMetricsTest {
    @TempDir
    Path work;

    @Test
    void should_read_numbers_not_nan_after_a_forced_collection() throws Exception {
        try (Database db = Database.open(Database.h2FileUrl(work.resolve("state/cb")), "sa", "")) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            OutboxMetrics metrics = new OutboxMetrics(new OutboxSummary(db), new Watermarks(db, Clock.systemUTC()),
                    Clock.systemUTC());
            metrics.bindTo(registry, List.of("json"));
            WeakReference<OutboxMetrics> collected = new WeakReference<>(metrics);
            metrics = null;

            for (int i = 0; i < 5; i++) {
                System.gc();
                Thread.sleep(20);
            }

            assertThat(registry.get("callbridge.calls").tag("state", "POSTED").gauge().value()).isZero();
            assertThat(registry.get("callbridge.batches").tag("state", "PARKED").gauge().value()).isZero();
            assertThat(registry.get("callbridge.reports").tags("sink", "json", "state", "PENDING").gauge().value()).isZero();
            assertThat(registry.get("callbridge.events.waiting").gauge().value()).isZero();
            for (Gauge gauge : registry.find("callbridge.calls").gauges()) {
                assertThat(gauge.value()).as(gauge.getId().toString()).isNotNaN();
            }
            assertThat(collected.get()).as("the registry holds the metrics").isNotNull();
        }
    }
}
