package org.callbridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The six Calls API operations, each reading the organization the gate bound to the request. */
final class CallsEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(CallsEndpoints.class);

    private final SimulatedCallStore store;
    private final Clock clock;

    CallsEndpoints(SimulatedCallStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** POST /api/v1/calls. */
    void create(RoutingContext ctx) {
        Organization org = ctx.get(RequestGate.ORGANIZATION);
        BatchRequest request = BatchRequestValidator.validate(body(ctx), org, WireFormats.millis(clock.instant()));
        SimulatedCallStore.CreatedBatch batch = store.createBatch(org, request);
        LOG.debug("Created batch {} with {} calls", batch.campaign().id(), batch.calls().size());
        if (Boolean.TRUE.equals(ctx.get(RequestGate.AMBIGUOUS))) {
            // The batch exists, but the client never hears of it: what a timeout after a successful POST looks like.
            ctx.request().connection().close();
            return;
        }
        Responses.json(ctx, 200, JsonViews.created(batch, request.payload()));
    }

    /** GET /api/v1/calls. */
    void list(RoutingContext ctx) {
        Organization org = ctx.get(RequestGate.ORGANIZATION);
        QueryParameters query = QueryParameters.from(ctx);
        SimulatedPage<SimulatedCall> page = store.calls(org, null, query.endedAfter(), query.start(), query.size());
        Responses.json(ctx, 200, JsonViews.callList(page, org, true, query.endedAfter()));
    }

    /** GET /api/v1/calls/{callId}. */
    void get(RoutingContext ctx) {
        Organization org = ctx.get(RequestGate.ORGANIZATION);
        String callId = ctx.pathParam("callId");
        Optional<SimulatedCall> found = WireFormats.isUuid(callId) ? store.call(org, callId) : Optional.empty();
        SimulatedCall call = found.orElseThrow(() -> new ApiException(404, "Call not found"));
        Responses.json(ctx, 200, JsonViews.call(call, org, true));
    }

    /** GET /api/v1/calls/campaigns. */
    void campaigns(RoutingContext ctx) {
        Organization org = ctx.get(RequestGate.ORGANIZATION);
        QueryParameters query = QueryParameters.from(ctx);
        Responses.json(ctx, 200, JsonViews.campaignList(store.campaigns(org, query.start(), query.size())));
    }

    /** GET /api/v1/calls/campaigns/{batchId}. */
    void campaign(RoutingContext ctx) {
        Organization org = ctx.get(RequestGate.ORGANIZATION);
        String batchId = ctx.pathParam("batchId");
        Optional<SimulatedCampaign> found = WireFormats.isUuid(batchId) ? store.campaign(org, batchId) : Optional.empty();
        SimulatedCampaign campaign = found.orElseThrow(() -> new ApiException(404, "Campaign not found"));
        QueryParameters query = QueryParameters.from(ctx);
        SimulatedPage<SimulatedCall> page = store.calls(org, campaign.id(), query.endedAfter(), query.start(), query.size());
        Responses.json(ctx, 200, JsonViews.campaignCalls(campaign, page, org, query.endedAfter()));
    }

    /** DELETE /api/v1/calls/{callId}: another organization's call is indistinguishable from an unknown one. */
    void hangUp(RoutingContext ctx) {
        Organization org = ctx.get(RequestGate.ORGANIZATION);
        String callId = ctx.pathParam("callId");
        SimulatedCallStore.Hangup result = WireFormats.isUuid(callId) ? store.hangUp(org, callId) : SimulatedCallStore.Hangup.NOT_FOUND;
        switch (result) {
            case TERMINATED -> Responses.json(ctx, 200, JsonViews.hungUp(callId));
            case NOT_FOUND -> throw new ApiException(400, "There are no ongoing calls with that call ID");
            case NOT_HANGABLE -> throw new ApiException(400, "Call was not in a status that could be hung up");
            default -> throw new IllegalStateException("unexpected hang-up result " + result);
        }
    }

    private static JsonNode body(RoutingContext ctx) {
        Buffer buffer = ctx.body() == null ? null : ctx.body().buffer();
        if (buffer == null || buffer.length() == 0) {
            return null;
        }
        try {
            return SimulatorJson.MAPPER.readTree(buffer.getBytes());
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "Request body is not valid JSON");
        } catch (IOException e) {
            throw new ApiException(400, "Request body could not be read");
        }
    }
}
