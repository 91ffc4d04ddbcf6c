package org.callbridge.simulator;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/** The list endpoints' query parameters: size (1–500, default 100), start (1-based), ended_after (ISO 8601). */
record QueryParameters(int start, int size, Instant endedAfter) {

    static final int DEFAULT_SIZE = 100;
    static final int MAX_SIZE = 500;

    static QueryParameters from(RoutingContext ctx) {
        int size = integer(ctx, "size", DEFAULT_SIZE, 1, MAX_SIZE,
                "size must be an integer between 1 and " + MAX_SIZE);
        int start = integer(ctx, "start", 1, 1, Integer.MAX_VALUE, "start must be an integer >= 1");
        String endedAfterText = first(ctx, "ended_after");
        Instant endedAfter = null;
        if (endedAfterText != null) {
            endedAfter = WireFormats.parseInstant(endedAfterText)
                    .orElseThrow(() -> new ApiException(400, "ended_after must be a valid ISO 8601 date string"));
        }
        return new QueryParameters(start, size, endedAfter);
    }

    private static int integer(RoutingContext ctx, String name, int fallback, int min, int max, String problem) {
        String text = first(ctx, name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value < min || value > max) {
                throw new ApiException(400, problem);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ApiException(400, problem);
        }
    }

    private static String first(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
