package org.callbridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** The API's error body: {"success":false,"error":{status, message, timestamp, requestId, path, method}}. */
final class ErrorEnvelope {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private ErrorEnvelope() {
    }

    static ObjectNode of(int status, String message, String path, String method, Instant now) {
        ObjectNode error = SimulatorJson.object()
                .put("status", status)
                .put("message", message)
                .put("timestamp", WireFormats.timestamp(now))
                .put("requestId", requestId(now))
                .put("path", path)
                .put("method", method);
        ObjectNode envelope = SimulatorJson.object().put("success", false);
        envelope.set("error", error);
        return envelope;
    }

    /** Not drawn from the seeded generators: request ids must not shift the repeatable outcomes or faults. */
    private static String requestId(Instant now) {
        StringBuilder id = new StringBuilder("req_").append(now.toEpochMilli()).append('_');
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }
}
