package org.callbridge.simulator;

import java.time.Instant;
import java.util.List;

/** An immutable snapshot of one campaign (batch): every POST creates one, with its calls in request order. */
public record SimulatedCampaign(String organization, String id, String name, String agentId, Instant createdAt,
        List<String> callIds) {

    public SimulatedCampaign {
        callIds = List.copyOf(callIds);
    }
}
