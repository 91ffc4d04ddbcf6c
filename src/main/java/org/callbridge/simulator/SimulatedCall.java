package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An immutable snapshot of one simulated call, for tests and invariant checks.
 * {@code status} is the wire name ("in-progress"); {@code extended} is the patient's metadata as posted
 * (may be null) and must be treated as read-only, like {@code finalReport}: the report of a completed call
 * (null before it completes, for a call that did not, and for a completed call with an empty report).
 */
public record SimulatedCall(String organization, String callId, String batchId, String agentId, String patientId,
        String status, Instant createdAt, Instant scheduledAt, Instant startedAt, Instant endedAt, JsonNode extended,
        JsonNode finalReport) {
}
