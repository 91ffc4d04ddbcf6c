package org.callbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.callbridge.testing.ManualClock;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void should_answer_the_first_failures_at_once_then_wait_twice_as_long_each_time_up_to_a_bound() {
        for (int i = 0; i < SignInThrottle.FREE; i++) {
            assertThat(throttle.delayFor("10.0.0.1")).isZero();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.delayFor("10.0.0.1")).isEqualTo(SignInThrottle.FIRST_DELAY);
        throttle.failed("10.0.0.1");
        assertThat(throttle.delayFor("10.0.0.1")).isEqualTo(SignInThrottle.FIRST_DELAY.multipliedBy(2));
        for (int i = 0; i < 20; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.delayFor("10.0.0.1")).isEqualTo(SignInThrottle.MAX_DELAY);
    }

    @Test
    void should_slow_only_the_failing_address_and_forget_it_after_a_success_or_the_window() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1");
            throttle.failed("10.0.0.2");
        }
        assertThat(throttle.delayFor("10.0.0.3")).isZero();

        throttle.succeeded("10.0.0.1");
        clock.advance(SignInThrottle.WINDOW.plus(Duration.ofSeconds(1)));

        assertThat(throttle.delayFor("10.0.0.1")).isZero();
        assertThat(throttle.delayFor("10.0.0.2")).isZero();
    }

    @Test
    void should_let_in_one_attempt_per_wait_from_a_slowed_address() {
        for (int i = 0; i < SignInThrottle.FREE; i++) {
            assertThat(throttle.admit("10.0.0.1")).hasValue(Duration.ZERO);
            throttle.failed("10.0.0.1");
        }

        assertThat(throttle.admit("10.0.0.1")).hasValue(SignInThrottle.FIRST_DELAY);
        assertThat(throttle.admit("10.0.0.1")).as("sent beside the first").isEmpty();
        assertThat(throttle.admit("10.0.0.2")).hasValue(Duration.ZERO);
        clock.advance(SignInThrottle.FIRST_DELAY);
        throttle.failed("10.0.0.1");
        assertThat(throttle.admit("10.0.0.1")).hasValue(SignInThrottle.FIRST_DELAY.multipliedBy(2));
        throttle.succeeded("10.0.0.1");
        assertThat(throttle.admit("10.0.0.1")).hasValue(Duration.ZERO);
    }
}
