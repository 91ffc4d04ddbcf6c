package org.callbridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;

/** Writes JSON bodies and error envelopes to a Vert.x response. */
final class Responses {

    private Responses() {
    }

    static void json(RoutingContext ctx, int status, JsonNode body) {
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed()) {
            return;
        }
        byte[] bytes;
        try {
            bytes = SimulatorJson.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write response body", e);
        }
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .end(Buffer.buffer(bytes));
    }

    static void error(RoutingContext ctx, int status, String message, Clock clock) {
        Instant now = WireFormats.millis(clock.instant());
        json(ctx, status, ErrorEnvelope.of(status, message, ctx.request().path(), ctx.request().method().name(), now));
    }
}
