package org.callbridge.callsapi.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One call in the POST response: status is {@code initiating} or {@code queued}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreatedCall(String callId, String roomName, String status) {
}
