package org.callbridge.store;

import java.time.Instant;

/**
 * One Calls API POST (a campaign).
 *
 * @param name        the deterministic, unique name sent with the POST and looked up after an ambiguous failure
 * @param scheduledAt the {@code scheduledAt} to send, or null to call at once
 * @param attempts    how many times it was marked SENDING
 * @param lastError   the last failure, free of PHI
 * @param apiBatchId  the Calls API's batchId once POSTED
 */
public record CallBatch(long id, String name, String agentId, Instant scheduledAt, BatchState state, int attempts,
                        String lastError, String apiBatchId, Instant createdAt, Instant sentAt, Instant updatedAt) {
}
