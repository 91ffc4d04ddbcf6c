package org.callbridge.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactCapsTest {
    private static final LocalDate MON = LocalDate.of(2026, 12, 7);

    @Test
    void should_allow_one_call_a_day() {
        assertThat(ContactCaps.FCC.allows(List.of(), MON)).isTrue();
        assertThat(ContactCaps.FCC.allows(List.of(MON), MON)).isFalse();
        assertThat(ContactCaps.FCC.allows(List.of(MON), MON.plusDays(1))).isTrue();
    }

    @Test
    void should_allow_three_calls_in_any_seven_consecutive_days() {
        List<LocalDate> three = List.of(MON, MON.plusDays(2), MON.plusDays(4));

        assertThat(ContactCaps.FCC.allows(three, MON.plusDays(6))).isFalse();
        assertThat(ContactCaps.FCC.allows(three, MON.minusDays(2))).isFalse();
        assertThat(ContactCaps.FCC.allows(three, MON.plusDays(7))).isTrue();
        assertThat(ContactCaps.FCC.allows(three, MON.minusDays(3))).isTrue();
    }

    @Test
    void should_turn_a_cap_off_with_zero() {
        assertThat(new ContactCaps(0, 3).allows(List.of(MON, MON), MON)).isTrue();
        assertThat(new ContactCaps(0, 0).allows(List.of(MON, MON, MON, MON), MON)).isTrue();
        assertThat(new ContactCaps(2, 0).allows(List.of(MON, MON), MON)).isFalse();
    }

    @Test
    void should_refuse_a_negative_cap() {
        assertThatThrownBy(() -> new ContactCaps(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    }
}
