package org.callbridge.store;

import java.time.Instant;

/**
 * What to claim into a new batch: due PENDING calls of one agent whose call time lies in
 * [{@code callFrom}, {@code callUntil}) (either bound may be null), earliest first, at most {@code maxSize}.
 *
 * @param name        the batch's unique name; it must never repeat at the Calls API (include a random part)
 * @param scheduledAt the batch's {@code scheduledAt}, or null to call at once
 */
public record BatchClaim(String name, String agentId, Instant scheduledAt, Instant callFrom, Instant callUntil,
                         int maxSize) {

    public BatchClaim {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1");
        }
    }
}
