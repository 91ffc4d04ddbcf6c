package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on the API's error envelope. */
final class Envelopes {

    private Envelopes() {
    }

    static void assertEnvelope(ApiClient.Response response, int status, String message, String method, String path) {
        assertThat(response.status()).as("HTTP status of %s", response.body()).isEqualTo(status);
        JsonNode body = response.body();
        assertThat(body.get("success").asBoolean(true)).isFalse();
        JsonNode error = body.get("error");
        assertThat(error.get("status").asInt()).isEqualTo(status);
        assertThat(error.get("message").asText()).isEqualTo(message);
        assertThat(error.get("timestamp").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        assertThat(error.get("requestId").asText()).matches("req_\\d+_[a-z0-9]+");
        assertThat(error.get("path").asText()).isEqualTo(path);
        assertThat(error.get("method").asText()).isEqualTo(method);
    }
}
