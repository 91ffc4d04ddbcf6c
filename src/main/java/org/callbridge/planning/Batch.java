package org.callbridge.planning;

import java.time.Instant;
import java.util.List;
import org.callbridge.callsapi.ApiTime;

/**
 * One campaign to post: calls for one flow, one agent and one slot, in planned-call order.
 *
 * @param name        deterministic batch name, see {@link BatchName}
 * @param flow        reminder or no-show follow-up
 * @param agentId     the agent every call in the batch uses
 * @param scheduledAt the slot, or null for calls due now
 * @param calls       the calls, ordered by planned-call id
 */
public record Batch(String name, CallFlow flow, String agentId, Instant scheduledAt, List<DueCall> calls) {

    public Batch {
        calls = List.copyOf(calls);
    }

    /** The {@code scheduledAt} request field, or null when due now. */
    public String scheduledAtText() {
        return ApiTime.format(scheduledAt);
    }

    /** The planned-call ids, in batch order. */
    public List<Long> plannedCallIds() {
        return calls.stream().map(DueCall::plannedCallId).toList();
    }

    /** Names the batch and counts its calls; no patient data. */
    @Override
    public String toString() {
        return "Batch[" + name + " agent=" + agentId + " calls=" + calls.size() + "]";
    }
}
