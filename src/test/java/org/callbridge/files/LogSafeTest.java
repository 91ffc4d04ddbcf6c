package org.callbridge.files;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Text from input written into one log line: no line breaks, no controls, no hidden reordering; long text is cut. */
class LogSafeTest {

    @Test
    void should_escape_line_breaks_tabs_controls_and_backslashes() {
        assertThat(LogSafe.text("a\nb\r\nc\td\\e\u0000f\u001Bg")).isEqualTo("a\\nb\\r\\nc\\td\\\\e\\u0000f\\u001Bg");
    }

    @Test
    void should_escape_line_separators_and_bidirectional_overrides() {
        assertThat(LogSafe.text("x\u2028y\u2029z\u202Eevil\u2066")).isEqualTo("x\\u2028y\\u2029z\\u202Eevil\\u2066");
    }

    @Test
    void should_keep_plain_text_as_it_is_and_cut_long_text_saying_how_much() {
        assertThat(LogSafe.text("appointments-2026-12-02.csv")).isEqualTo("appointments-2026-12-02.csv");
        assertThat(LogSafe.text("Müller ü é")).isEqualTo("Müller ü é");
        assertThat(LogSafe.text("x".repeat(1000))).isEqualTo("x".repeat(LogSafe.MAX) + "...(700 more characters)");
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }

    @Property
    void no_escaped_text_holds_a_control_character_or_a_line_separator(@ForAll String input) {
        String safe = LogSafe.text(input);

        assertThat(safe.chars()).noneMatch(c -> c < 0x20 || c == 0x7F || c == 0x2028 || c == 0x2029);
    }
}
