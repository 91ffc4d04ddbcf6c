package org.callbridge.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.model.Call;
import org.callbridge.callsapi.model.Page;
import org.callbridge.store.CallStore;
import org.callbridge.store.Leases;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.ResultStore;
import org.callbridge.store.Watermarks;
import org.callbridge.outcome.Outcome;
import org.callbridge.outcome.OutcomeRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll cycle: reads {@code GET /api/v1/calls?ended_after=<watermark - overlap>} page by page
 * (500 a page, so one request per 500 newly ended calls plus one), records each ended call once
 * per final status with a delivery queued per sink, then advances the persisted watermark.
 * Only the holder of the {@link ResultsLease} polls when several instances run: the route asks {@link #lease()}
 * first, then calls {@link #poll()}; {@link #pollOnce()} does both.
 */
public final class ResultsPoller {
    public static final String WATERMARK = "calls.ended_after";
    private static final Logger LOG = LoggerFactory.getLogger(ResultsPoller.class);

    /** What a cycle did. */
    public record Summary(boolean polled, int requests, int seen, int recorded, int unlinkedSkipped, Instant watermark) {
    }

    private final CallsApiClient client;
    private final CallStore calls;
    private final ResultStore results;
    private final Watermarks watermarks;
    private final ResultsLease lease;
    private final Settings settings;
    private final Clock clock;
    private final OutcomeRules outcomes;

    /**
     * @param overlap         re-read before the watermark (clock skew between the API and us)
     * @param firstLookBack   how far back the very first poll reads
     * @param includeUnlinked also record calls callbridge did not place
     * @param sinks           the deliveries queued for each ended call
     */
    public record Settings(String owner, Duration overlap, Duration firstLookBack, Duration leaseTtl,
            boolean includeUnlinked, List<String> sinks) {
    }

    public ResultsPoller(CallsApiClient client, CallStore calls, ResultStore results, Watermarks watermarks, Leases leases,
            Settings settings, Clock clock) {
        this(client, calls, results, watermarks, leases, settings, clock, OutcomeRules.none());
    }

    /** @param outcomes classifies each ended call, for the reminder programs (retries, answers, opt-outs) */
    public ResultsPoller(CallsApiClient client, CallStore calls, ResultStore results, Watermarks watermarks, Leases leases,
            Settings settings, Clock clock, OutcomeRules outcomes) {
        this.outcomes = outcomes;
        this.client = client;
        this.calls = calls;
        this.results = results;
        this.watermarks = watermarks;
        this.lease = new ResultsLease(leases, settings.owner(), settings.leaseTtl());
        this.settings = settings;
        this.clock = clock;
    }

    /** The lease that decides which instance polls. */
    public ResultsLease lease() {
        return lease;
    }

    /** One cycle if this instance holds the lease (taking or renewing it); else nothing, and {@code polled} is false. */
    public Summary pollOnce() {
        return lease.hold() ? poll() : new Summary(false, 0, 0, 0, 0, null);
    }

    /** One cycle, for the holder of the lease. */
    public Summary poll() {
        Instant watermark = watermarks.get(WATERMARK).orElse(clock.instant().minus(settings.firstLookBack()));
        Instant newest = watermark;
        int requests = 0;
        int seen = 0;
        int recorded = 0;
        int unlinked = 0;
        for (Page<Call> page : client.callPages(watermark.minus(settings.overlap()), CallsApiClient.MAX_PAGE_SIZE)) {
            requests++;
            for (Call call : page.data()) {
                if (call.endedAt() == null || !call.isFinal()) {
                    continue;
                }
                seen++;
                newest = call.endedAt().isAfter(newest) ? call.endedAt() : newest;
                Optional<PlannedCall> planned = calls.findByCallId(call.id());
                if (planned.isEmpty() && !settings.includeUnlinked()) {
                    unlinked++;
                    continue;
                }
                Outcome outcome = outcomes.classify(call.status(), finalReport(call));
                if (results.recordResult(call.id(), call.status(), call.endedAt(), call.raw().toString(),
                        planned.map(PlannedCall::id).orElse(null), settings.sinks(), outcome)) {
                    recorded++;
                }
            }
        }
        watermarks.set(WATERMARK, newest);
        if (recorded > 0) {
            LOG.info("Poll: {} request(s), {} ended call(s) seen, {} new, watermark {}", requests, seen, recorded, newest);
        }
        return new Summary(true, requests, seen, recorded, unlinked, newest);
    }

    private static JsonNode finalReport(Call call) {
        return call.raw() == null ? null : CallReport.finalReportOf(call.raw());
    }
}
