package org.callbridge.store;

import java.time.Instant;

/** Due PENDING calls of one agent at one call time: the poster's input for grouping into batches. */
public record DueGroup(String agentId, Instant callAt, long count) {
}
