package org.callbridge.planning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Groups due calls into batches by flow, agent and scheduled slot, at most {@code maxSize} calls each.
 * The result depends only on the set of calls, not on their order.
 */
public final class BatchPlanner {

    public static final int DEFAULT_MAX_SIZE = 100;
    /** Hard cap: the API states no batch limit, and 500 is its largest page size. */
    public static final int HARD_CAP = 500;

    /** Slot "now" first, then by time; then by agent, then by flow. */
    private static final Comparator<Group> GROUP_ORDER = Comparator
            .comparing(Group::scheduledAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Group::agentId)
            .thenComparing(Group::flow);

    private final int maxSize;

    public BatchPlanner(int maxSize) {
        if (maxSize < 1 || maxSize > HARD_CAP) {
            throw new IllegalArgumentException("a batch size of " + maxSize + " is outside 1.." + HARD_CAP);
        }
        this.maxSize = maxSize;
    }


    public int maxSize() {
        return maxSize;
    }

    /**
     * The batches for these calls: groups in slot, agent, flow order; within a group, calls by planned-call id,
     * cut into consecutive chunks of at most {@code maxSize}.
     *
     * @throws IllegalArgumentException when a planned call appears twice (it would be called twice)
     */
    public List<Batch> plan(Collection<DueCall> due) {
        Map<Group, List<DueCall>> groups = new TreeMap<>(GROUP_ORDER);
        Set<Long> seen = new HashSet<>();
        for (DueCall call : due) {
            if (!seen.add(call.plannedCallId())) {
                throw new IllegalArgumentException("planned call " + call.plannedCallId() + " appears twice");
            }
            groups.computeIfAbsent(new Group(call.flow(), call.agentId(), call.scheduledAt()), g -> new ArrayList<>())
                    .add(call);
        }
        List<Batch> batches = new ArrayList<>();
        groups.forEach((group, calls) -> {
            calls.sort(Comparator.comparingLong(DueCall::plannedCallId));
            for (int from = 0; from < calls.size(); from += maxSize) {
                List<DueCall> chunk = calls.subList(from, Math.min(from + maxSize, calls.size()));
                batches.add(new Batch(BatchName.of(group.flow(), group.scheduledAt(), chunk),
                        group.flow(), group.agentId(), group.scheduledAt(), chunk));
            }
        });
        return batches;
    }

    private record Group(CallFlow flow, String agentId, Instant scheduledAt) {
    }
}
