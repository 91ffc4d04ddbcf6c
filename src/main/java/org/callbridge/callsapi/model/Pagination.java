package org.callbridge.callsapi.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The pagination object of every list endpoint; {@code start} is 1-based. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pagination(
        int start,
        @JsonProperty("requested_size") int requestedSize,
        @JsonProperty("returned_count") int returnedCount,
        long total,
        boolean hasMore,
        @JsonProperty("ended_after") String endedAfter) {
}
