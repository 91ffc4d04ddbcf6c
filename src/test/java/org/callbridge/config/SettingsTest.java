package org.callbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where values come from: the file, the environment for every declared key, and secret files. */
class SettingsTest {
    @TempDir
    Path work;

    @Test
    void every_declared_key_and_each_feeds_keys_come_from_the_environment_without_the_file_naming_them() {
        Settings settings = Settings.load(emptyFile(), Map.of(
                "CALLBRIDGE_POST_INTERVAL", "PT9S",
                "CALLBRIDGE_CSV_FEEDS", "acme",
                "CALLBRIDGE_CSV_ACME_INBOX", work.resolve("acme").toString(),
                "CALLBRIDGE_CSV_ACME_COLUMN_APPOINTMENT_ID", "Visit",
                "CALLBRIDGE_CSV_ACME_COLUMN_MRN", "Chart",
                "CALLBRIDGE_CSV_ACME_COLUMN_START", "When",
                "CALLBRIDGE_API_KEY", "k"));

        Configuration config = Configuration.build(settings);

        assertThat(config.cycles().postInterval()).hasSeconds(9);
        assertThat(config.feeds()).singleElement().satisfies(feed -> {
            assertThat(feed.inbox()).isEqualTo(work.resolve("acme"));
            assertThat(feed.columns().values()).containsExactlyInAnyOrder("Visit", "Chart", "When");
        });
    }

    @Test
    void a_value_may_come_from_the_file_an_environment_variable_names() throws Exception {
        Path secret = Files.writeString(work.resolve("api-key"), "from-a-secret-file\n");

        Configuration config = Configuration.build(Settings.load(emptyFile(), Map.of("CALLBRIDGE_API_KEY_FILE", secret.toString())));

        assertThat(config.api().client().apiKey()).isEqualTo("from-a-secret-file");
    }

    @Test
    void an_unreadable_secret_file_or_both_ways_at_once_is_a_problem_naming_the_key() throws Exception {
        assertThatThrownBy(() -> Configuration.build(Settings.load(emptyFile(),
                Map.of("CALLBRIDGE_API_KEY_FILE", work.resolve("missing").toString()))))
                .hasMessageStartingWith("callbridge.api.key: CALLBRIDGE_API_KEY_FILE names a file that cannot be read");
        assertThatThrownBy(() -> Configuration.build(Settings.load(emptyFile(),
                Map.of("CALLBRIDGE_API_KEY_FILE", work.resolve("missing").toString(), "CALLBRIDGE_API_KEY", "k"))))
                .hasMessageStartingWith("callbridge.api.key: both CALLBRIDGE_API_KEY and CALLBRIDGE_API_KEY_FILE are set");
    }

    @Test
    void a_secret_is_never_repeated_in_a_problem() {
        assertThatThrownBy(() -> Configuration.build(Settings.of(Map.of("callbridge.api.key", "k",
                "callbridge.webhook.url", "ftp://user:hunter2@example.org/", "callbridge.webhook.secret", "s"))))
                .hasMessageContaining("callbridge.webhook.url").hasMessageNotContaining("hunter2");
    }

    @Test
    void an_unknown_key_under_a_feed_is_a_problem() {
        assertThatThrownBy(() -> Configuration.build(Settings.of(Map.of("callbridge.api.key", "k", "callbridge.csv.feeds", "acme",
                "callbridge.csv.acme.inbox", "in", "callbridge.csv.acme.delimeter", ";"))))
                .hasMessageContaining("callbridge.csv.acme.delimeter: unknown key");
    }

    private Path emptyFile() {
        try {
            return Files.writeString(work.resolve("empty.properties"), "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
