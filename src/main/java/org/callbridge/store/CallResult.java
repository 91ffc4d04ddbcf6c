package org.callbridge.store;

import java.time.Instant;

/** A call as the Calls API last returned it, with the planned call it answers (null for calls not placed by us). */
public record CallResult(String callId, Long plannedCallId, String status, Instant endedAt, String payloadJson,
                         Instant firstSeenAt, Instant updatedAt) {
}
