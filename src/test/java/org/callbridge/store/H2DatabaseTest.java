package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** H2 settings that the guarantees depend on, and the URLs the application builds. */
class H2DatabaseTest {

    private static String plainUrl() {
        return H2CrashTest.plainUrl();
    }

    @Test
    void opening_sets_the_write_delay_to_zero() {
        try (Database db = Database.open(plainUrl(), "sa", "")) {
            String delay = db.inTransaction(c -> Sql.one(c, "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                    + " WHERE SETTING_NAME = 'WRITE_DELAY'", rs -> rs.getString(1)).orElseThrow());
            assertThat(delay).isEqualTo("0");
        }
    }

    @Test
    void an_h2_url_with_a_write_delay_is_refused() {
        assertThatThrownBy(() -> Database.open(plainUrl() + ";WRITE_DELAY=500", "sa", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WRITE_DELAY must be 0");
        Database.open(plainUrl() + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", "sa", "").close();
    }

    @Test
    void the_default_url_is_a_file_under_work_state_with_durable_commits() {
        assertThat(Database.DEFAULT_URL)
                .isEqualTo("jdbc:h2:file:./work/state/callbridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    @Test
    void a_relative_path_opens_relative_to_the_working_directory() {
        Path relative = Path.of("target", "store-tests", UUID.randomUUID().toString(), "callbridge");

        Database.open(Database.h2FileUrl(relative), "sa", "").close();

        assertThat(Files.exists(Path.of(relative + ".mv.db"))).isTrue();
    }
}
