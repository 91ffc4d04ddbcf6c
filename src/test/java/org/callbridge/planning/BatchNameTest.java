package org.callbridge.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNameTest {

    static DueCall call(long id, String agent, Instant at) {
        return new DueCall(id, "hl7|A-" + id, agent, patient(id), at, null);
    }

    static String patient(long id) {
        return String.format("00000000-0000-4000-8000-%012d", id);
    }

    @Test
    void should_name_a_scheduled_reminder_batch_by_flow_slot_and_content_hash() {
        Instant at = Instant.parse("2026-12-02T14:00:00Z");
        String name = BatchName.of(CallFlow.REMINDER, at, List.of(call(7, "a", at), call(42, "a", at)));

        // SHA-256 of "7:<patient 7>\n42:<patient 42>\n", first ten hex digits
        assertThat(name).isEqualTo("callbridge-reminder-20261202T1400Z-d9a6111e6a");
    }

    @Test
    void should_use_now_as_slot_for_calls_due_now_and_noshow_as_flow() {
        assertThat(BatchName.of(CallFlow.NO_SHOW, null, List.of(call(1, "a", null))))
                .matches("callbridge-noshow-now-[0-9a-f]{10}");
    }

    @Test
    void should_give_the_same_name_whatever_the_order_or_agent() {
        Instant at = Instant.parse("2026-12-02T14:00:00Z");

        assertThat(BatchName.of(CallFlow.REMINDER, at, List.of(call(42, "b", at), call(7, "b", at))))
                .isEqualTo(BatchName.of(CallFlow.REMINDER, at, List.of(call(7, "a", at), call(42, "a", at))));
    }

    @Test
    void should_give_another_name_when_a_call_or_patient_differs() {
        Instant at = Instant.parse("2026-12-02T14:00:00Z");
        String name = BatchName.of(CallFlow.REMINDER, at, List.of(call(7, "a", at), call(42, "a", at)));
        DueCall otherPatient = new DueCall(42, "hl7|A-42", "a", patient(43), at, null);

        assertThat(BatchName.of(CallFlow.REMINDER, at, List.of(call(7, "a", at), call(43, "a", at)))).isNotEqualTo(name);
        assertThat(BatchName.of(CallFlow.REMINDER, at, List.of(call(7, "a", at), otherPatient))).isNotEqualTo(name);
        assertThat(BatchName.of(CallFlow.REMINDER, at, List.of(call(7, "a", at)))).isNotEqualTo(name);
    }

    @Test
    void should_write_the_slot_in_utc_to_the_minute() {
        assertThat(BatchName.slot(Instant.parse("2026-03-08T07:05:30Z"))).isEqualTo("20260308T0705Z");
        assertThat(BatchName.slot(null)).isEqualTo("now");
    }

    @Test
    void should_stay_short_and_carry_no_patient_id() {
        Instant at = Instant.parse("2026-12-02T14:00:00Z");
        String name = BatchName.of(CallFlow.NO_SHOW, at, List.of(call(123456789L, "a", at)));

        assertThat(name).hasSizeLessThanOrEqualTo(BatchName.MAX_LENGTH).doesNotContain(patient(123456789L))
                .doesNotContain("123456789");
    }
}
