package org.callbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void passwords_in_parameters_are_masked() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/callbridge?user=cb&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/callbridge?user=cb&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:h2:file:./work/state/cb;USER=sa;PASSWORD=s3cret;WRITE_DELAY=0"))
                .isEqualTo("jdbc:h2:file:./work/state/cb;USER=sa;PASSWORD=***;WRITE_DELAY=0");
    }

    @Test
    void passwords_in_user_info_are_masked() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://cb:s3cret@db:5432/callbridge"))
                .isEqualTo("jdbc:postgresql://cb:***@db:5432/callbridge");
    }

    @Test
    void urls_without_a_password_are_unchanged() {
        assertThat(JdbcUrls.redact(Database.DEFAULT_URL)).isEqualTo(Database.DEFAULT_URL);
    }
}
