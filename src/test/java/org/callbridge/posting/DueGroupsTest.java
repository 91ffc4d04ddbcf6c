package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.junit.jupiter.api.Test;

/** The grouping by agent and slot, and the max-wait rule. */
class DueGroupsTest {
    private static final Instant NOW = Instant.parse("2030-03-12T15:00:00Z");
    private static final Duration MAX_WAIT = Duration.ofMinutes(5);
    private static final Duration LEAD = Duration.ofMinutes(1);
    private final DueGroups groups = new DueGroups(3, MAX_WAIT, LEAD);

    private static PlannedCall call(long id, String agent, Instant callAt, Instant dueAt) {
        return new PlannedCall(id, "hl7|A" + id, id, agent, "patient-" + id, callAt, dueAt, CallState.PENDING, null, null,
                null, null, null, null, "{}", dueAt, dueAt);
    }

    private static PlannedCall dueNow(long id, Instant since) {
        return call(id, Clinic.AGENT, since, since);
    }

    @Test
    void calls_at_or_near_now_share_their_agents_now_slot_and_later_calls_keep_their_time() {
        Instant later = NOW.plus(Duration.ofHours(2));
        List<DueGroups.Group> grouped = groups.group(List.of(
                dueNow(1, NOW.minusSeconds(30)),
                call(2, Clinic.AGENT, NOW.plusSeconds(50), NOW.minus(Duration.ofHours(12))),
                call(3, Clinic.AGENT, later, NOW.minus(Duration.ofHours(10))),
                dueNow(4, NOW),
                call(5, Clinic.NO_SHOW_AGENT, NOW, NOW)), NOW);

        assertThat(grouped).extracting(DueGroups.Group::agentId, DueGroups.Group::slot).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Clinic.AGENT, null),
                org.assertj.core.groups.Tuple.tuple(Clinic.NO_SHOW_AGENT, null),
                org.assertj.core.groups.Tuple.tuple(Clinic.AGENT, later));
        assertThat(grouped.get(0).calls()).extracting(PlannedCall::id).containsExactly(1L, 2L, 4L);
        assertThat(grouped.get(0).claimUntil(NOW, LEAD)).isEqualTo(NOW.plus(LEAD).plusNanos(1000));
        assertThat(grouped.get(2).claimFrom()).isEqualTo(later);
    }

    @Test
    void a_small_group_waits_until_its_oldest_call_has_been_due_for_max_wait() {
        DueGroups.Group group = groups.group(List.of(dueNow(1, NOW.minus(Duration.ofMinutes(4))), dueNow(2, NOW)), NOW)
                .get(0);

        assertThat(groups.ready(group, NOW)).isFalse();
        assertThat(groups.ready(group, NOW.plus(Duration.ofMinutes(1)))).isTrue();
    }

    @Test
    void a_full_group_goes_at_once() {
        DueGroups.Group group = groups.group(List.of(dueNow(1, NOW), dueNow(2, NOW), dueNow(3, NOW)), NOW).get(0);

        assertThat(groups.ready(group, NOW)).isTrue();
    }

    @Test
    void a_group_goes_early_when_its_slot_is_nearer_than_max_wait() {
        Instant slot = NOW.plus(Duration.ofMinutes(10));
        PlannedCall justDue = call(1, Clinic.AGENT, slot, NOW.minusSeconds(1));
        DueGroups.Group group = groups.group(List.of(justDue), NOW).get(0);

        assertThat(group.slot()).isEqualTo(slot);
        assertThat(groups.mustGoBy(justDue)).isEqualTo(slot.minus(MAX_WAIT).minus(LEAD));
        assertThat(groups.ready(group, NOW)).isFalse();
        assertThat(groups.ready(group, slot.minus(MAX_WAIT).minus(LEAD))).isTrue();
    }
}
