package org.callbridge.operations;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.Exchange;
import org.apache.camel.support.EventNotifierSupport;

/**
 * What each route did lately, for the console's overview: exchanges and failures since start, per minute over the
 * last hour, the last activity and the last error. Counted from Camel's exchange events; the error is kept as the
 * exception's type only, since a message may quote input.
 */
public final class FlowActivity extends EventNotifierSupport {
    static final int MINUTES = 60;

    private final Clock clock;
    private final Map<String, Flow> flows = new ConcurrentHashMap<>();

    public FlowActivity(Clock clock) {
        this.clock = clock;
        setIgnoreCamelContextEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
        setIgnoreExchangeCreatedEvent(true);
        setIgnoreExchangeSendingEvents(true);
        setIgnoreExchangeSentEvents(true);
        setIgnoreExchangeRedeliveryEvents(true);
        setIgnoreExchangeAsyncProcessingStartedEvents(true);
    }

    /** One route's figures. */
    public record Snapshot(long exchangesTotal, long failedTotal, List<Integer> perMinute, Instant lastActivityAt, String lastError,
                           Instant lastErrorAt) {
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.ExchangeCompletedEvent || event instanceof CamelEvent.ExchangeFailedEvent;
    }

    @Override
    public void notify(CamelEvent event) {
        if (!(event instanceof CamelEvent.ExchangeEvent exchangeEvent)) {
            return;
        }
        Exchange exchange = exchangeEvent.getExchange();
        String route = exchange.getFromRouteId();
        if (route == null) {
            return;
        }
        Throwable failure = event instanceof CamelEvent.ExchangeFailedEvent ? exchange.getException() : null;
        record(route, failure == null ? null : failure.getClass().getSimpleName());
    }

    /** Counts one exchange of a route, failed with an error of this type (null: completed). */
    public void record(String route, String errorType) {
        flows.computeIfAbsent(route, r -> new Flow()).record(clock.instant(), errorType);
    }

    /** The figures of a route (all zero when it has not run). */
    public Snapshot snapshot(String route) {
        Flow flow = flows.get(route);
        return flow == null ? new Snapshot(0, 0, java.util.Collections.nCopies(MINUTES, 0), null, null, null)
                : flow.snapshot(clock.instant());
    }

    private static final class Flow {
        private final int[] buckets = new int[MINUTES];
        private final long[] bucketMinute = new long[MINUTES];
        private long total;
        private long failed;
        private Instant lastActivity;
        private String lastError;
        private Instant lastErrorAt;

        synchronized void record(Instant now, String errorType) {
            long minute = now.getEpochSecond() / 60;
            int slot = (int) (minute % MINUTES);
            if (bucketMinute[slot] != minute) {
                bucketMinute[slot] = minute;
                buckets[slot] = 0;
            }
            buckets[slot]++;
            total++;
            lastActivity = now;
            if (errorType != null) {
                failed++;
                lastError = errorType;
                lastErrorAt = now;
            }
        }

        synchronized Snapshot snapshot(Instant now) {
            long minute = now.getEpochSecond() / 60;
            Integer[] perMinute = new Integer[MINUTES];
            for (int i = 0; i < MINUTES; i++) {
                long m = minute - (MINUTES - 1) + i;
                int slot = (int) (m % MINUTES);
                perMinute[i] = bucketMinute[slot] == m ? buckets[slot] : 0;
            }
            return new Snapshot(total, failed, List.of(perMinute), lastActivity, lastError, lastErrorAt);
        }
    }
}
