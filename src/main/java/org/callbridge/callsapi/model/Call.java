package org.callbridge.callsapi.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Set;

/**
 * A call as GET /api/v1/calls and /calls/{id} return it. {@code raw} keeps the exact JSON for
 * reports ("the call as the API returns it"). PHI inside: {@link #toString()} shows ids only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Call(
        String id,
        String status,
        @JsonProperty("phone_number") String phoneNumber,
        String direction,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("ended_at") Instant endedAt,
        @JsonProperty("final_report") JsonNode finalReport,
        @JsonProperty("batch_id") String batchId,
        @JsonProperty("agent_id") String agentId,
        Long duration,
        CallPatient patient,
        @JsonProperty("client_metadata") JsonNode clientMetadata,
        JsonNode raw) {

    /** Statuses after which a call never changes again. */
    public static final Set<String> FINAL_STATUSES = Set.of("completed", "failed");
    /** The only statuses DELETE /api/v1/calls/{id} accepts. */
    public static final Set<String> HANGUP_STATUSES = Set.of("initiating", "dialing", "in-progress");

    public boolean isFinal() {
        return FINAL_STATUSES.contains(status);
    }

    public Call withRaw(JsonNode json) {
        return new Call(id, status, phoneNumber, direction, createdAt, startedAt, endedAt, finalReport, batchId,
                agentId, duration, patient, clientMetadata, json);
    }

    @Override
    public String toString() {
        return "Call[" + id + " " + status + " batch=" + batchId + "]";
    }
}
