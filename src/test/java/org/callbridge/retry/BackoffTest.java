package org.callbridge.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");
    private final Backoff backoff = new Backoff(Duration.ofMillis(400), Duration.ofSeconds(5));

    @Test
    void the_first_pause_is_the_initial_one_give_or_take_half() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.pauseMillis(1, null)).isBetween(200L, 600L);
        }
    }

    @Test
    void pauses_double_with_jitter_and_never_pass_the_max() {
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.pauseMillis(2, null)).isBetween(400L, 1200L);
            assertThat(backoff.pauseMillis(3, null)).isBetween(800L, 2400L);
            assertThat(backoff.pauseMillis(30, null)).isBetween(1L, 5000L);
        }
    }

    @Test
    void pauses_are_jittered() {
        long first = backoff.pauseMillis(3, null);
        boolean differs = false;
        for (int i = 0; i < 50 && !differs; i++) {
            differs = backoff.pauseMillis(3, null) != first;
        }
        assertThat(differs).isTrue();
    }

    @Test
    void retry_after_replaces_the_backoff_up_to_the_max() {
        assertThat(backoff.pauseMillis(1, Duration.ZERO)).isZero();
        assertThat(backoff.pauseMillis(4, Duration.ofSeconds(3))).isEqualTo(3000);
        assertThat(backoff.pauseMillis(1, Duration.ofMinutes(10))).isEqualTo(5000);
        assertThat(backoff.pauseMillis(1, Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(5000);
    }

    @Test
    void retry_after_reads_delta_seconds() {
        assertThat(Backoff.retryAfter("120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(Backoff.retryAfter(" 0 ", NOW)).isEqualTo(Duration.ZERO);
        assertThat(Backoff.retryAfter(Long.toString(Long.MAX_VALUE), NOW)).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE));
    }

    @Test
    void retry_after_reads_an_http_date_as_the_wait_from_now() {
        assertThat(Backoff.retryAfter("Wed, 21 Oct 2026 07:29:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(90));
        assertThat(Backoff.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT", NOW)).isEqualTo(Duration.ZERO);
    }

    @Test
    void an_unusable_retry_after_leaves_the_backoff() {
        assertThat(Backoff.retryAfter(null, NOW)).isNull();
        assertThat(Backoff.retryAfter("", NOW)).isNull();
        assertThat(Backoff.retryAfter("-5", NOW)).isNull();
        assertThat(Backoff.retryAfter("soon", NOW)).isNull();
        assertThat(Backoff.retryAfter("99999999999999999999", NOW)).isNull();
        assertThat(Backoff.retryAfter("Wed, 21 Oct 2026 07:27:59 GMT", NOW)).isNull();
    }
}
