package org.callbridge.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.callbridge.store.AlertStore;
import org.callbridge.store.Watermarks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every alert condition on a timer and records what it saw ({@link AlertStore#observe}): what the state
 * database shows, flows stopped or failing, results polled too long ago, the state database's disk nearly full. A
 * condition seen again is the same alert, shown once until a person acknowledges it; a new alert is logged once.
 */
public final class AlertWatch {
    private static final Logger LOG = LoggerFactory.getLogger(AlertWatch.class);
    /** A batch sending for longer than this without an answer is an alert. */
    static final Duration UNANSWERED_AFTER = Duration.ofMinutes(2);
    /** Failures within this span make a flow "failing". */
    static final Duration FAILING_WITHIN = Duration.ofMinutes(5);
    static final List<String> OWN_KINDS = List.of("FLOW_STOPPED", "FLOW_FAILING", "POLL_LAG", "DISK_NEARLY_FULL");

    /** The settings of the conditions: {@code minFreeBytes} 0 turns the disk condition off; {@code stateFolder} null too. */
    public record Settings(Duration pollLag, long minFreeBytes, Path stateFolder, String watermark) {
    }

    private final AlertStore alerts;
    private final Watermarks watermarks;
    private final FlowActivity flows;
    private final Supplier<CamelContext> camel;
    private final Settings settings;
    private final Clock clock;

    public AlertWatch(AlertStore alerts, Watermarks watermarks, FlowActivity flows, Supplier<CamelContext> camel,
                      Settings settings, Clock clock) {
        this.alerts = alerts;
        this.watermarks = watermarks;
        this.flows = flows;
        this.camel = camel;
        this.settings = settings;
        this.clock = clock;
    }

    /** One look; returns how many alerts it raised. */
    public int look() {
        Instant now = clock.instant();
        List<AlertStore.Condition> seen = new ArrayList<>(alerts.storeConditions(now.minus(UNANSWERED_AFTER)));
        CamelContext context = camel.get();
        if (context != null && context.isStarted()) {
            for (Route route : context.getRoutes()) {
                String id = route.getRouteId();
                ServiceStatus status = context.getRouteController().getRouteStatus(id);
                if (status != ServiceStatus.Started) {
                    seen.add(new AlertStore.Condition("FLOW_STOPPED", id, "flow " + id + " is " + status));
                }
                FlowActivity.Snapshot activity = flows.snapshot(id);
                if (activity.lastErrorAt() != null && activity.lastErrorAt().isAfter(now.minus(FAILING_WITHIN))) {
                    seen.add(new AlertStore.Condition("FLOW_FAILING", id, "flow " + id + " failed at " + activity.lastErrorAt()
                            + " (" + activity.lastError() + "); " + activity.failedTotal() + " failure(s) since start"));
                }
            }
        }
        watermarks.get(settings.watermark()).ifPresent(polled -> {
            Duration lag = Duration.between(polled, now);
            if (lag.compareTo(settings.pollLag()) > 0) {
                seen.add(new AlertStore.Condition("POLL_LAG", "results", "results were last polled up to " + polled
                        + ", " + lag.toMinutes() + " min ago (limit " + settings.pollLag() + ")"));
            }
        });
        if (settings.minFreeBytes() > 0 && settings.stateFolder() != null) {
            try {
                long free = Files.getFileStore(settings.stateFolder()).getUsableSpace();
                if (free < settings.minFreeBytes()) {
                    seen.add(new AlertStore.Condition("DISK_NEARLY_FULL", "state", (free >> 20) + " MB free where the state"
                            + " database lives (alert under " + (settings.minFreeBytes() >> 20) + " MB)"));
                }
            } catch (IOException e) {
                seen.add(new AlertStore.Condition("DISK_NEARLY_FULL", "state", "free space of the state folder cannot be read ("
                        + e.getClass().getSimpleName() + ")"));
            }
        }
        List<String> kinds = new ArrayList<>(AlertStore.STORE_KINDS);
        kinds.addAll(OWN_KINDS);
        int raised = alerts.observe(kinds, seen);
        if (raised > 0) {
            LOG.warn("{} new alert(s); open alerts: {}", raised, alerts.unacknowledgedCount());
        }
        return raised;
    }
}
