package org.callbridge.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.callbridge.ingest.Replays;
import org.callbridge.json.Json;
import org.callbridge.operations.FlowActivity;
import org.callbridge.store.AlertStore;
import org.callbridge.store.AuditLog;
import org.callbridge.store.BatchStore;
import org.callbridge.store.DoNotCallList;
import org.callbridge.store.OpsQueries;
import org.callbridge.store.OutboxSummary;
import org.callbridge.store.Watermarks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ops API, {@code /ops/v1/}: every figure and action of the console as JSON, for the console's pages and for
 * hospitals' scripts (documented at {@code /ops/v1/openapi.json}). Reads go to the state database on a worker thread;
 * each action is audited with who did it, on what, and what it gave. Patient data leaves only through
 * {@code /rejections/{id}/raw}, asked for one input at a time, and each look is audited as well.
 */
public final class OpsApi {
    private static final Logger LOG = LoggerFactory.getLogger(OpsApi.class);
    static final String BASE = "/ops/v1";
    static final int MAX_PAGE = 200;
    /** The shared mapper, writing times as ISO 8601 text. */
    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = Json.mapper().copy()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectWriter JSON = MAPPER.writer();

    /** What the API reads and changes; {@code clock} is the planning clock, which stamps events and rejections. */
    public record Parts(OpsQueries queries, OutboxSummary summary, AlertStore alerts, AuditLog audit, BatchStore batches,
                 Replays replays, FlowActivity flows, Watermarks watermarks, String watermark, CamelContext camel,
                 String instance, ZoneId zone, Clock clock, DoNotCallList doNotCall) {
    }

    private final Parts parts;

    OpsApi(Parts parts) {
        this.parts = parts;
    }

    void mount(Router router) {
        router.get(BASE + "/me").handler(ctx -> json(ctx, Map.of("user", ctx.user().subject())));
        router.get(BASE + "/overview").blockingHandler(ctx -> json(ctx, overview()), false);
        router.get(BASE + "/search").blockingHandler(ctx -> {
            String q = Optional.ofNullable(ctx.request().getParam("q")).orElse("");
            if (q.length() > 200) {
                error(ctx, 400, "a search is at most 200 characters");
                return;
            }
            json(ctx, Map.of("query", q, "results", parts.queries().search(q)));
        }, false);
        router.get(BASE + "/timeline").blockingHandler(ctx -> {
            String key = ctx.request().getParam("appointment");
            Optional<OpsQueries.Timeline> timeline = key == null ? Optional.empty() : parts.queries().timeline(key);
            found(ctx, timeline, "no such appointment");
        }, false);
        router.get(BASE + "/rejections").blockingHandler(ctx -> {
            OpsQueries.Page<OpsQueries.RejectedInput> page = parts.queries().rejections(longParam(ctx, "before"), limit(ctx));
            List<Map<String, Object>> items = new ArrayList<>();
            page.items().forEach(r -> items.add(rejection(r)));
            json(ctx, page(items, page.next()));
        }, false);
        router.get(BASE + "/rejections/:id/raw").blockingHandler(ctx -> withRejection(ctx, r -> {
            Optional<String> why = parts.replays().notReplayable(r);
            if (why.isPresent()) {
                error(ctx, 409, why.get());
                return;
            }
            byte[] raw;
            try {
                raw = parts.replays().raw(r);
            } catch (Replays.NotReplayable e) {
                error(ctx, 409, e.getMessage());
                return;
            }
            // patient data shown: who saw which input is recorded as an action is
            audit(ctx, "raw", "rejection " + r.id(), raw.length + " bytes shown");
            ctx.response().putHeader("Content-Type", "text/plain; charset=utf-8").end(Buffer.buffer(raw));
        }), false);
        router.post(BASE + "/rejections/:id/replay").blockingHandler(ctx -> withRejection(ctx, r -> {
            Optional<String> why = parts.replays().notReplayable(r);
            if (why.isPresent()) {
                error(ctx, 409, why.get());
                return;
            }
            String outcome;
            try {
                outcome = parts.replays().replay(r);
            } catch (RuntimeException e) {
                outcome = "replay failed (" + e.getClass().getSimpleName() + ")";
            }
            Instant at = parts.clock().instant();
            parts.queries().replayed(r.id(), at, outcome);
            audit(ctx, "replay", "rejection " + r.id(), outcome);
            json(ctx, Map.of("id", r.id(), "replayedAt", at, "outcome", outcome));
        }), false);
        router.get(BASE + "/batches").blockingHandler(ctx -> {
            String state = ctx.request().getParam("state");
            if (state != null && !state.matches("[A-Z]{1,20}")) {
                error(ctx, 400, "state is one of the batch states, such as PARKED");
                return;
            }
            OpsQueries.Page<OpsQueries.BatchRow> page = parts.queries().batches(state, longParam(ctx, "before"), limit(ctx));
            json(ctx, page(page.items(), page.next()));
        }, false);
        router.get(BASE + "/batches/:id").blockingHandler(ctx -> {
            Long id = pathId(ctx);
            Optional<OpsQueries.BatchRow> batch = id == null ? Optional.empty() : parts.queries().batch(id);
            found(ctx, batch.map(b -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = MAPPER.convertValue(b, LinkedHashMap.class);
                body.put("calls", parts.queries().batchCalls(b.id()));
                return body;
            }), "no such batch");
        }, false);
        router.post(BASE + "/batches/:id/retry").blockingHandler(ctx -> {
            Long id = pathId(ctx);
            Optional<OpsQueries.BatchRow> batch = id == null ? Optional.empty() : parts.queries().batch(id);
            if (batch.isEmpty()) {
                error(ctx, 404, "no such batch");
                return;
            }
            if (!parts.batches().unpark(id)) {
                error(ctx, 409, "batch " + id + " is " + batch.get().state() + ", not PARKED");
                return;
            }
            String outcome = "put back to SENDING: the next cycle looks it up at the Calls API by name before any POST";
            audit(ctx, "retry", "batch " + id, outcome);
            json(ctx, Map.of("id", id, "state", "SENDING", "outcome", outcome));
        }, false);
        router.get(BASE + "/alerts").blockingHandler(ctx -> json(ctx, Map.of("items",
                "true".equals(ctx.request().getParam("all")) ? parts.alerts().latest(MAX_PAGE) : parts.alerts().unacknowledged(MAX_PAGE))), false);
        router.post(BASE + "/alerts/:id/acknowledge").blockingHandler(ctx -> {
            Long id = pathId(ctx);
            Optional<AlertStore.Alert> before = id == null ? Optional.empty() : parts.alerts().get(id);
            if (before.isEmpty()) {
                error(ctx, 404, "no such alert");
                return;
            }
            Optional<AlertStore.Alert> after = parts.alerts().acknowledge(id, ctx.user().subject());
            if (before.get().acknowledgedAt() == null) {
                audit(ctx, "acknowledge", "alert " + id, before.get().kind() + " " + before.get().subject());
            }
            found(ctx, after, "no such alert");
        }, false);
        router.get(BASE + "/audit").blockingHandler(ctx -> {
            int limit = limit(ctx);
            List<AuditLog.Entry> entries = parts.audit().entries(longParam(ctx, "before"), limit + 1);
            Long next = entries.size() > limit ? entries.get(limit - 1).id() : null;
            json(ctx, page(entries.size() > limit ? entries.subList(0, limit) : entries, next));
        }, false);
        router.get(BASE + "/do-not-call").blockingHandler(ctx -> json(ctx, Map.of("items",
                parts.doNotCall().entries(MAX_PAGE))), false);
        router.post(BASE + "/do-not-call/:patientId/remove").blockingHandler(ctx -> {
            String patientId = ctx.pathParam("patientId");
            if (patientId == null || !patientId.matches("[A-Za-z0-9-]{1,64}") || !parts.doNotCall().remove(patientId)) {
                error(ctx, 404, "no such patient on the stored do-not-call list");
                return;
            }
            String outcome = "taken off the stored do-not-call list; the do-not-call file, if any, still applies";
            audit(ctx, "remove do-not-call", "patient " + patientId, outcome);
            json(ctx, Map.of("patientId", patientId, "outcome", outcome));
        }, false);
        router.get(BASE + "/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(OpenApi.document())));
        router.route(BASE + "/*").last().handler(ctx -> error(ctx, 404, "no such endpoint"));
    }

    /** The overview, from the database, the routes and their activity. */
    Map<String, Object> overview() {
        Instant now = parts.clock().instant();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("generatedAt", now);
        body.put("instance", parts.instance());
        List<Map<String, Object>> flows = new ArrayList<>();
        for (Route route : parts.camel().getRoutes()) {
            FlowActivity.Snapshot activity = parts.flows().snapshot(route.getRouteId());
            Map<String, Object> flow = new LinkedHashMap<>();
            flow.put("id", route.getRouteId());
            flow.put("state", String.valueOf(parts.camel().getRouteController().getRouteStatus(route.getRouteId())));
            flow.put("exchangesTotal", activity.exchangesTotal());
            flow.put("failedTotal", activity.failedTotal());
            flow.put("perMinute", activity.perMinute());
            flow.put("lastActivityAt", activity.lastActivityAt());
            flow.put("lastError", activity.lastError() == null ? null : activity.lastError() + " at " + activity.lastErrorAt());
            flows.add(flow);
        }
        flows.sort(java.util.Comparator.comparing(f -> (String) f.get("id")));
        body.put("flows", flows);
        Instant dayStart = now.atZone(parts.zone()).toLocalDate().atStartOfDay(parts.zone()).toInstant();
        body.put("intake", parts.queries().intake(dayStart, now.minus(Duration.ofHours(1))));
        body.put("eventsWaiting", parts.summary().eventsWaiting());
        body.put("calls", parts.summary().callsByState());
        body.put("batches", parts.summary().batchesByState());
        body.put("deliveries", parts.queries().deliveries());
        // the results watermark follows the Calls API's clock (ended_at), not the planning clock a demo shifts
        Instant apiNow = Instant.now();
        body.put("pollLagSeconds", parts.watermarks().get(parts.watermark()).map(w -> Duration.between(w, apiNow).toSeconds()).orElse(null));
        List<Map<String, Object>> leases = new ArrayList<>();
        parts.queries().leases().forEach(l -> {
            Map<String, Object> lease = new LinkedHashMap<>();
            lease.put("name", l.name());
            lease.put("owner", l.owner());
            lease.put("expiresAt", l.expiresAt());
            leases.add(lease);
        });
        body.put("leases", leases);
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("sizeBytes", parts.queries().sizeBytes());
        database.put("oldestRecordAt", parts.queries().oldestRecord());
        body.put("database", database);
        body.put("openAlerts", parts.alerts().unacknowledgedCount());
        return body;
    }

    private Map<String, Object> rejection(OpsQueries.RejectedInput r) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", r.id());
        item.put("source", r.source());
        item.put("sourceRef", r.sourceRef());
        item.put("reason", r.reason());
        item.put("receivedAt", r.receivedAt());
        item.put("category", r.category());
        item.put("replayable", parts.replays().notReplayable(r).isEmpty());
        item.put("replayedAt", r.replayedAt());
        item.put("replayOutcome", r.replayOutcome());
        return item;
    }

    private void withRejection(RoutingContext ctx, java.util.function.Consumer<OpsQueries.RejectedInput> then) {
        Long id = pathId(ctx);
        Optional<OpsQueries.RejectedInput> r = id == null ? Optional.empty() : parts.queries().rejection(id);
        if (r.isEmpty()) {
            error(ctx, 404, "no such rejected input");
            return;
        }
        then.accept(r.get());
    }

    private void audit(RoutingContext ctx, String action, String object, String outcome) {
        parts.audit().record(ctx.user().subject(), action, object, outcome);
        LOG.info("console: {} on {} by {}", action, object, ctx.user().subject());
    }

    private static Map<String, Object> page(List<?> items, Long next) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("next", next);
        return body;
    }

    private static <T> void found(RoutingContext ctx, Optional<T> value, String missing) {
        if (value.isPresent()) {
            json(ctx, value.get());
        } else {
            error(ctx, 404, missing);
        }
    }

    private static Long pathId(RoutingContext ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long longParam(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int limit(RoutingContext ctx) {
        Long limit = longParam(ctx, "limit");
        return limit == null ? 50 : (int) Math.max(1, Math.min(MAX_PAGE, limit));
    }

    static void json(RoutingContext ctx, Object body) {
        try {
            ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(Buffer.buffer(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            error(ctx, 500, "could not write the answer");
        }
    }

    static void error(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(("{\"error\":" + quoted(message) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static String quoted(String text) {
        try {
            return MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            return "\"error\"";
        }
    }
}
