package org.callbridge.posting;

import org.callbridge.config.Configuration;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.callbridge.config.Settings;
import org.junit.jupiter.api.Test;

/** The shipped defaults name every posting key, so each can be overridden from the environment. */
class DefaultSettingsTest {

    @Test
    void the_shipped_defaults_equal_the_built_in_ones_and_the_environment_overrides_them() {
        Settings shipped = Settings.load(null, Map.of("CALLBRIDGE_BATCH_MAX_WAIT", "PT2M", "CALLBRIDGE_DRY_RUN", "true"));

        PostingSettings fromFile = Configuration.posting(Settings.load(null, Map.of()).asMap());
        PostingSettings overridden = Configuration.posting(shipped.asMap());

        assertThat(fromFile).isEqualTo(Configuration.posting(Map.of()));
        assertThat(overridden.maxWait()).hasMinutes(2);
        assertThat(overridden.dryRun()).isTrue();
    }
}
