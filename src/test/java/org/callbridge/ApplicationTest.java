package org.callbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicationTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    private String errLines() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void should_exit_2_with_one_line_for_an_unknown_command() {
        assertThat(Application.execute(new String[] {"launch"})).isEqualTo(2);
        assertThat(errLines().lines()).singleElement().asString().contains("unknown command 'launch'");
    }

    @Test
    void should_exit_2_without_a_command() {
        assertThat(Application.execute(new String[0])).isEqualTo(2);
        assertThat(errLines().lines()).hasSize(1);
    }

    @Test
    void should_exit_2_when_the_simulator_port_is_not_a_number() {
        assertThat(Application.execute(new String[] {"simulator", "--port", "eighty", "--fixtures", "x.json"})).isEqualTo(2);
        assertThat(errLines().lines()).singleElement().asString().contains("port");
    }

    @Test
    void should_exit_2_when_the_fixtures_file_is_missing() {
        assertThat(Application.execute(new String[] {"simulator", "--port", "0", "--fixtures", "does-not-exist.json"})).isEqualTo(2);
        assertThat(errLines().lines()).singleElement().asString().contains("does-not-exist.json");
    }

    @Test
    void should_exit_2_for_an_unknown_simulator_flag() {
        assertThat(Application.execute(new String[] {"simulator", "--verbose"})).isEqualTo(2);
        assertThat(errLines().lines()).singleElement().asString().contains("--verbose");
    }
}
