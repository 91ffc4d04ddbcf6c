package org.callbridge.callsapi.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Response of POST /api/v1/calls. Calls come back in the order of the request's patients. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateCallsResponse(
        boolean success,
        String batchId,
        int totalQueued,
        int totalInitiated,
        List<CreatedCall> calls,
        String message,
        JsonNode payload) {

    @Override
    public String toString() {
        return "CreateCallsResponse[batchId=" + batchId + ", calls=" + (calls == null ? 0 : calls.size()) + "]";
    }
}
