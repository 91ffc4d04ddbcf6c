package org.callbridge.callsapi.model;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A campaign (batch). The list endpoint uses snake_case, the campaign-calls endpoint camelCase:
 * both spellings are accepted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Campaign(
        String id,
        String name,
        @JsonProperty("agent_id") @JsonAlias("agentId") String agentId,
        @JsonProperty("created_at") @JsonAlias("createdAt") Instant createdAt) {
}
