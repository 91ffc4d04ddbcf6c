package org.callbridge.results;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.json.Json;
import org.callbridge.outcome.OutcomeRules;
import org.callbridge.store.CallStore;
import org.callbridge.store.EventStore;
import org.callbridge.store.PendingDelivery;
import org.callbridge.store.PlannedCall;
import org.callbridge.store.ResultStore;
import org.callbridge.store.StoredEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each recorded call to every sink exactly once: reads the pending deliveries, joins the
 * source appointment, delivers, then marks them delivered. A failing sink is retried on the next
 * cycle and parked after {@code maxAttempts}, visible and never dropped. A sink that delivers part of a page
 * says which reports went through ({@link PartialDeliveryException}); only the others count an attempt.
 * Each {@link CallReport} is classed here, once, by the configured {@link OutcomeRules}, so every sink writes the
 * same {@link CallReport#outcome()}.
 */
public final class ReportDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);
    private static final int PAGE = 500;

    private final List<ReportSink> sinks;
    private final ResultStore results;
    private final CallStore calls;
    private final EventStore events;
    private final int maxAttempts;
    private final OutcomeRules outcomes;

    /** Without answer rules: each call is {@code reached} or {@code unreached} ({@link OutcomeRules#none()}). */
    public ReportDelivery(List<ReportSink> sinks, ResultStore results, CallStore calls, EventStore events, int maxAttempts) {
        this(sinks, results, calls, events, maxAttempts, OutcomeRules.none());
    }

    public ReportDelivery(List<ReportSink> sinks, ResultStore results, CallStore calls, EventStore events, int maxAttempts,
            OutcomeRules outcomes) {
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.sinks = List.copyOf(sinks);
        this.results = results;
        this.calls = calls;
        this.events = events;
        this.maxAttempts = maxAttempts;
    }

    /** The rules every report is classed by. */
    public OutcomeRules outcomes() {
        return outcomes;
    }

    /** Names of the configured sinks, for queuing deliveries. */
    public List<String> sinkNames() {
        return sinks.stream().map(ReportSink::name).toList();
    }

    /** Delivers what is pending to every sink, one after the other; returns how many deliveries were made. */
    public int deliverPending() {
        int delivered = 0;
        for (ReportSink sink : sinks) {
            delivered += deliver(sink);
        }
        return delivered;
    }

    /** Delivers what is pending to the named sink only (one route per sink); returns how many deliveries were made. */
    public int deliverPending(String sinkName) {
        return deliver(sinks.stream().filter(s -> s.name().equals(sinkName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no report sink named " + sinkName + ", only " + sinkNames())));
    }

    private int deliver(ReportSink sink) {
        int delivered = 0;
        List<PendingDelivery> pending;
        while (!(pending = results.pendingDeliveries(sink.name(), PAGE)).isEmpty()) {
            List<CallReport> reports = new ArrayList<>();
            pending.forEach(p -> reports.add(report(p)));
            try {
                sink.deliver(reports);
            } catch (PartialDeliveryException e) {
                Map<Boolean, List<PendingDelivery>> sent = pending.stream()
                        .collect(Collectors.partitioningBy(p -> e.delivered().contains(p.result().callId())));
                delivered += markDelivered(sink, sent.get(true));
                failed(sink, sent.get(false), e.getCause(), p -> e.failureOf(p.result().callId()));
                break;
            } catch (Exception e) {
                failed(sink, pending, e, p -> e);
                break;
            }
            delivered += markDelivered(sink, pending);
            if (pending.size() < PAGE) {
                break;
            }
        }
        return delivered;
    }

    private int markDelivered(ReportSink sink, List<PendingDelivery> sent) {
        int marked = 0;
        for (PendingDelivery p : sent) {
            if (results.markDelivered(p.result().callId(), sink.name())) {
                marked++;
            }
        }
        return marked;
    }

    private void failed(ReportSink sink, List<PendingDelivery> pending, Exception cause,
            Function<PendingDelivery, Exception> errorOf) {
        if (pending.isEmpty()) {
            return;
        }
        LOG.warn("Report sink {} failed for {} call(s): {}", sink.name(), pending.size(), errorText(cause));
        for (PendingDelivery p : pending) {
            String error = errorText(errorOf.apply(p));
            if (p.attempts() + 1 >= maxAttempts) {
                results.markParked(p.result().callId(), sink.name(), error);
            } else {
                results.recordDeliveryFailure(p.result().callId(), sink.name(), error);
            }
        }
    }

    // only a DeliveryException's message is known to hold no PHI and no secret
    private static String errorText(Exception e) {
        return e.getClass().getSimpleName() + (e instanceof DeliveryException ? ": " + e.getMessage() : "");
    }

    private CallReport report(PendingDelivery delivery) {
        JsonNode call;
        try {
            call = Json.mapper().readTree(delivery.result().payloadJson());
        } catch (Exception e) {
            throw new IllegalStateException("stored call payload is not JSON: " + delivery.result().callId(), e);
        }
        AppointmentEvent appointment = delivery.result().plannedCallId() == null ? null
                : calls.find(delivery.result().plannedCallId()).map(PlannedCall::eventId).flatMap(events::find)
                        .map(StoredEvent::event).orElse(null);
        return CallReport.of(call, appointment, outcomes);
    }
}
