package org.callbridge.posting;

import org.callbridge.config.Keys;
import org.callbridge.config.Configuration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Posting configuration: documented defaults and one-line errors naming the key. */
class PostingSettingsTest {

    @Test
    void every_key_has_a_default() {
        PostingSettings s = Configuration.posting(Map.of());

        assertThat(s.maxSize()).isEqualTo(100);
        assertThat(s.maxWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.parkRetry()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.scheduleLead()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.settleTime()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.dryRun()).isFalse();
        assertThat(s.reportsDir()).isEqualTo(Path.of("work/reports"));
        assertThat(s.retryAttempts()).isEqualTo(4);
        assertThat(s.retryInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.retryMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.maxEventsPerCycle()).isEqualTo(1000);
    }

    @Test
    void values_are_read_from_their_keys() {
        PostingSettings s = Configuration.posting(Map.of("callbridge.batch.max-size", "25",
                Keys.BATCH_MAX_WAIT.key(), "PT2M", Keys.DRY_RUN.key(), "true", Keys.POST_RETRY_MAX_ATTEMPTS.key(), "6"));

        assertThat(s.maxSize()).isEqualTo(25);
        assertThat(s.maxWait()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.dryRun()).isTrue();
        assertThat(s.retryAttempts()).isEqualTo(6);
    }

    @Test
    void a_bad_value_is_a_one_line_message_naming_the_key() {
        assertThatThrownBy(() -> Configuration.posting(Map.of(Keys.BATCH_MAX_WAIT.key(), "30 seconds")))
                .hasMessage("callbridge.batch.max-wait: '30 seconds' is not an ISO 8601 duration such as PT30S");
        assertThatThrownBy(() -> Configuration.posting(Map.of("callbridge.batch.max-size", "501")))
                .hasMessageStartingWith("callbridge.batch.max-size");
        assertThatThrownBy(() -> Configuration.posting(Map.of(Keys.POST_RETRY_MAX_ATTEMPTS.key(), "0")))
                .hasMessageStartingWith(Keys.POST_RETRY_MAX_ATTEMPTS.key());
    }
}
