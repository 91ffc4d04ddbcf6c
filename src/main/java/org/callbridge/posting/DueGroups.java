package org.callbridge.posting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.callbridge.store.PlannedCall;

/**
 * Groups due calls by agent and slot, and says when a group is posted (the max-wait rule).
 *
 * <p>Slot: a call whose time is more than the schedule lead ahead keeps its own time as the slot (posted with
 * {@code scheduledAt}); every other call is in its agent's "now" slot (posted without one).
 *
 * <p>Max-wait rule: a group is posted as soon as it holds {@code max-size} calls, or as soon as one of its calls
 * <em>must</em> go: it has been due for {@code max-wait}, or its scheduled time is less than {@code max-wait} plus
 * the schedule lead away (waiting longer for company could push it past its slot). Until then a small group waits
 * for more calls to join it. A call is due from its {@code dueAt}; one whose {@code callAt} is later than its
 * {@code dueAt} has a scheduled time.
 */
final class DueGroups {

    /** The due calls of one agent at one slot (null: now), in call-time order. */
    record Group(String agentId, Instant slot, List<PlannedCall> calls) {

        /** Inclusive lower bound of call times to claim, or null. */
        Instant claimFrom() {
            return slot;
        }

        /** Exclusive upper bound of call times to claim: just past the slot, or past now + lead for the now slot. */
        Instant claimUntil(Instant now, Duration lead) {
            Instant last = slot != null ? slot : now.plus(lead);
            // times are stored to the microsecond
            return last.truncatedTo(ChronoUnit.MICROS).plus(1, ChronoUnit.MICROS);
        }
    }

    private static final Comparator<Key> ORDER = Comparator
            .comparing(Key::slot, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
            .thenComparing(Key::agentId);

    private final int maxSize;
    private final Duration maxWait;
    private final Duration lead;

    DueGroups(int maxSize, Duration maxWait, Duration lead) {
        this.maxSize = maxSize;
        this.maxWait = maxWait;
        this.lead = lead;
    }

    /** The slot a call is posted in at {@code now}: its own time, or null for at once. */
    Instant slotOf(PlannedCall call, Instant now) {
        return call.callAt().isAfter(now.plus(lead)) ? call.callAt() : null;
    }

    /** Every group of these due calls: the now slots first, then by slot and agent. */
    List<Group> group(List<PlannedCall> due, Instant now) {
        Map<Key, List<PlannedCall>> groups = new TreeMap<>(ORDER);
        for (PlannedCall call : due) {
            groups.computeIfAbsent(new Key(call.agentId(), slotOf(call, now)), k -> new ArrayList<>()).add(call);
        }
        List<Group> out = new ArrayList<>();
        groups.forEach((key, calls) -> out.add(new Group(key.agentId(), key.slot(), List.copyOf(calls))));
        return out;
    }

    /** True when the group is posted now (see the class comment). */
    boolean ready(Group group, Instant now) {
        return group.calls().size() >= maxSize || group.calls().stream().anyMatch(c -> !mustGoBy(c).isAfter(now));
    }

    /** The latest instant a call may still wait until. */
    Instant mustGoBy(PlannedCall call) {
        Instant waited = call.dueAt().plus(maxWait);
        if (call.callAt().isAfter(call.dueAt())) {
            Instant beforeSlot = call.callAt().minus(maxWait).minus(lead);
            return beforeSlot.isBefore(waited) ? beforeSlot : waited;
        }
        return waited;
    }

    private record Key(String agentId, Instant slot) {
        Key {
            Objects.requireNonNull(agentId, "agentId");
        }
    }
}
