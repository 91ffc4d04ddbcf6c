package org.callbridge.planning;

import org.callbridge.config.Keys;
import org.callbridge.config.Configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.callbridge.planning.BatchNameTest.call;
import static org.callbridge.planning.BatchNameTest.patient;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchPlannerTest {

    static final Instant TWO_PM = Instant.parse("2026-12-02T14:00:00Z");
    static final Instant THREE_PM = Instant.parse("2026-12-02T15:00:00Z");

    @Test
    void should_split_250_calls_into_batches_of_100_100_and_50_in_planned_call_order() {
        List<DueCall> due = LongStream.rangeClosed(1, 250).mapToObj(id -> call(id, "agent", TWO_PM)).toList();

        List<Batch> batches = new BatchPlanner(100).plan(due);

        assertThat(batches).extracting(b -> b.calls().size()).containsExactly(100, 100, 50);
        assertThat(batches.get(0).plannedCallIds()).startsWith(1L, 2L).endsWith(100L);
        assertThat(batches.get(2).plannedCallIds()).startsWith(201L).endsWith(250L);
        assertThat(batches).extracting(Batch::name).doesNotHaveDuplicates();
    }

    @Test
    void should_keep_agents_slots_and_flows_apart_with_calls_due_now_first() {
        List<DueCall> due = List.of(
                call(1, "agent-b", THREE_PM), call(2, "agent-a", TWO_PM), call(3, "agent-b", TWO_PM),
                call(4, "agent-a", null), call(5, "agent-a", TWO_PM),
                new DueCall(6, "hl7|A-6", "agent-a", patient(6), TWO_PM, null, CallFlow.NO_SHOW));

        List<Batch> batches = new BatchPlanner(100).plan(due);

        assertThat(batches).extracting(Batch::scheduledAt, Batch::agentId, Batch::flow, Batch::plannedCallIds)
                .containsExactly(
                        tuple(null, "agent-a", CallFlow.REMINDER, List.of(4L)),
                        tuple(TWO_PM, "agent-a", CallFlow.REMINDER, List.of(2L, 5L)),
                        tuple(TWO_PM, "agent-a", CallFlow.NO_SHOW, List.of(6L)),
                        tuple(TWO_PM, "agent-b", CallFlow.REMINDER, List.of(3L)),
                        tuple(THREE_PM, "agent-b", CallFlow.REMINDER, List.of(1L)));
        assertThat(batches.get(0).scheduledAtText()).isNull();
        assertThat(batches.get(1).scheduledAtText()).isEqualTo("2026-12-02T14:00:00.000Z");
        assertThat(batches.get(2).name()).startsWith("callbridge-noshow-20261202T1400Z-");
    }

    @ParameterizedTest(name = "shuffle seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void should_give_the_same_batches_and_names_for_the_same_calls_in_any_order(long seed) {
        List<DueCall> due = new ArrayList<>();
        for (long id = 1; id <= 230; id++) {
            due.add(call(id, id % 3 == 0 ? "agent-b" : "agent-a", id % 2 == 0 ? TWO_PM : null));
        }
        List<Batch> expected = new BatchPlanner(50).plan(due);
        Collections.shuffle(due, new Random(seed));

        List<Batch> shuffled = new BatchPlanner(50).plan(due);

        assertThat(shuffled).isEqualTo(expected);
        assertThat(shuffled).extracting(Batch::name).isEqualTo(expected.stream().map(Batch::name).toList());
    }

    @Test
    void should_refuse_a_planned_call_listed_twice() {
        assertThatThrownBy(() -> new BatchPlanner(100).plan(List.of(call(9, "a", TWO_PM), call(9, "a", TWO_PM))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("planned call 9 appears twice");
    }

    @Test
    void should_plan_no_batches_for_no_calls() {
        assertThat(new BatchPlanner(100).plan(List.of())).isEmpty();
    }

    @Test
    void should_read_the_max_size_with_default_100_and_accept_up_to_500() {
        assertThat(Configuration.posting(Map.of()).maxSize()).isEqualTo(100);
        assertThat(Configuration.posting(Map.of(Keys.BATCH_MAX_SIZE.key(), "500")).maxSize()).isEqualTo(500);
        assertThat(new BatchPlanner(1).plan(List.of(call(1, "a", null), call(2, "a", null)))).hasSize(2);
    }

    @ParameterizedTest(name = "max-size {0}")
    @ValueSource(strings = {"0", "501", "-1", "ten"})
    void should_reject_a_max_size_outside_1_to_500_naming_the_key(String value) {
        assertThatThrownBy(() -> Configuration.posting(Map.of(Keys.BATCH_MAX_SIZE.key(), value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("callbridge.batch.max-size: ");
    }

    @Test
    void should_keep_the_extended_payload_as_planned_and_out_of_to_string() {
        ObjectNode extended = JsonNodeFactory.instance.objectNode();
        extended.putObject("appointment").put("name", "Cardiology");
        DueCall due = new DueCall(1, "hl7|A-1", "a", patient(1), null, extended);
        ((ObjectNode) extended.get("appointment")).put("name", "changed");
        due.extended().put("other", 1);

        assertThat(due.extended().get("appointment").get("name").asText()).isEqualTo("Cardiology");
        assertThat(due.extended().has("other")).isFalse();
        assertThat(due.toString()).doesNotContain("Cardiology").doesNotContain(patient(1));
        assertThat(due.flow()).isEqualTo(CallFlow.REMINDER);
    }
}
