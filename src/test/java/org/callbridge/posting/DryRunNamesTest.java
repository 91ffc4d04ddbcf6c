package org.callbridge.posting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.callbridge.planning.CallFlow;
import org.callbridge.store.CallState;
import org.callbridge.store.PlannedCall;
import org.junit.jupiter.api.Test;

class DryRunNamesTest {
    private static final Instant AT = Instant.parse("2026-12-02T14:00:00Z");

    static PlannedCall call(long id, String agent) {
        return call(id, agent, patient(id));
    }

    static PlannedCall call(long id, String agent, String patientId) {
        return new PlannedCall(id, "hl7|A-" + id, id, agent, patientId, AT, AT, CallState.PENDING, null, null, null,
                null, null, null, "{}", AT, AT);
    }

    static String patient(long id) {
        return String.format("00000000-0000-4000-8000-%012d", id);
    }

    @Test
    void should_name_a_scheduled_reminder_batch_by_flow_slot_and_content_hash() {
        String name = DryRunNames.of(CallFlow.REMINDER, AT, List.of(call(7, "a"), call(42, "a")));

        // SHA-256 of "7:<patient 7>\n42:<patient 42>\n", first ten hex digits
        assertThat(name).isEqualTo("callbridge-reminder-20261202T1400Z-d9a6111e6a");
    }

    @Test
    void should_use_now_as_slot_for_calls_due_now_and_noshow_as_flow() {
        assertThat(DryRunNames.of(CallFlow.NO_SHOW, null, List.of(call(1, "a"))))
                .matches("callbridge-noshow-now-[0-9a-f]{10}");
    }

    @Test
    void should_give_the_same_name_whatever_the_order_or_agent() {
        assertThat(DryRunNames.of(CallFlow.REMINDER, AT, List.of(call(42, "b"), call(7, "b"))))
                .isEqualTo(DryRunNames.of(CallFlow.REMINDER, AT, List.of(call(7, "a"), call(42, "a"))));
    }

    @Test
    void should_give_another_name_when_a_call_or_patient_differs() {
        String name = DryRunNames.of(CallFlow.REMINDER, AT, List.of(call(7, "a"), call(42, "a")));

        assertThat(DryRunNames.of(CallFlow.REMINDER, AT, List.of(call(7, "a"), call(43, "a")))).isNotEqualTo(name);
        assertThat(DryRunNames.of(CallFlow.REMINDER, AT, List.of(call(7, "a"), call(42, "a", patient(43)))))
                .isNotEqualTo(name);
        assertThat(DryRunNames.of(CallFlow.REMINDER, AT, List.of(call(7, "a")))).isNotEqualTo(name);
    }

    @Test
    void should_write_the_slot_in_utc_to_the_minute() {
        assertThat(BatchNames.slot(Instant.parse("2026-03-08T07:05:30Z"))).isEqualTo("20260308T0705Z");
        assertThat(BatchNames.slot(null)).isEqualTo("now");
    }

    @Test
    void should_stay_short_and_carry_no_patient_id() {
        String name = DryRunNames.of(CallFlow.NO_SHOW, AT, List.of(call(123456789L, "a")));

        assertThat(name).hasSizeLessThanOrEqualTo(DryRunNames.MAX_LENGTH).doesNotContain(patient(123456789L))
                .doesNotContain("123456789");
    }
}
