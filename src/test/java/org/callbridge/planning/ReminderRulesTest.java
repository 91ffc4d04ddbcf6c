package org.callbridge.planning;

import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReminderRulesTest {
    private static final String KEY = "callbridge.rules";
    private static final Set<DayOfWeek> DAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final String EXAMPLE = """
            rules:
              - match: {type: "Lab*"}                 # case-insensitive glob
                call: false                           # no reminders for these
              - match: {location: "Dental North"}
                offsets: [P2D, PT3H]
                agent: 3F1C2B4A-0D9E-4C1B-9A7E-2F6D5C4B3A21
                calling-window: "07:00-18:00"
                retry-unreached: [PT2H]
              - match: {language: es}
                agent: 7a2b9c1d-5e4f-4a3b-8c2d-1e0f9a8b7c6d
              - match: {source: "csv:*", provider: "Dr. ?. Cole"}
                retry-unreached: []
            """;

    @TempDir
    Path dir;
    private long nanos;

    static AppointmentEvent event(String feed, String type, String location, String provider, String language) {
        return new AppointmentEvent(feed, "ref", feed, "A1", EventKind.NEW, List.of(), null, null,
                ZonedDateTime.parse("2026-12-02T10:30:00-06:00[America/Chicago]"), null, type, provider, location,
                "booked", null, null, language);
    }

    @Test
    void should_apply_the_first_rule_that_matches() {
        ReminderRules rules = ReminderRules.parse(EXAMPLE, DAYS);

        assertThat(rules.size()).isEqualTo(4);
        ReminderRule lab = rules.match(event("hl7", "lab draw", "Dental North", null, "es")).orElseThrow();
        assertThat(lab.index()).isEqualTo(1);
        assertThat(lab.call()).isFalse();
        assertThat(lab.offsets()).isNull();

        ReminderRule dental = rules.match(event("hl7", "Cleaning", " dental north ", null, "es")).orElseThrow();
        assertThat(dental.index()).isEqualTo(2);
        assertThat(dental.call()).isTrue();
        assertThat(dental.offsets()).containsExactly(Duration.ofDays(2), Duration.ofHours(3));
        assertThat(dental.agentId()).isEqualTo("3f1c2b4a-0d9e-4c1b-9a7e-2f6d5c4b3a21");
        assertThat(dental.window()).isEqualTo(new CallingWindow(LocalTime.of(8, 0), LocalTime.of(18, 0), DAYS));
        assertThat(dental.retryUnreached()).containsExactly(Duration.ofHours(2));

        ReminderRule spanish = rules.match(event("hl7", "Cleaning", "Main Campus", null, "es")).orElseThrow();
        assertThat(spanish.index()).isEqualTo(3);
        assertThat(spanish.offsets()).isNull();
        assertThat(spanish.window()).isNull();
        assertThat(spanish.retryUnreached()).isNull();

        assertThat(rules.match(event("csv:dentrix", null, null, "dr. h. cole", null)).orElseThrow().retryUnreached()).isEmpty();
        assertThat(rules.match(event("hl7", null, null, "Dr. H. Cole", null))).as("source hl7 is not csv:*").isEmpty();
        assertThat(rules.match(event("csv:dentrix", null, null, "Dr. Hannah Cole", null))).as("? is one character").isEmpty();
        assertThat(rules.match(event("hl7", null, null, null, null))).as("a missing value matches no glob").isEmpty();
    }

    @Test
    void should_match_every_appointment_with_an_empty_match_and_read_an_empty_file_as_no_rules() {
        ReminderRules all = ReminderRules.parse("rules:\n  - match: {}\n    offsets: [PT6H]\n", DAYS);

        assertThat(all.match(event("hl7", null, null, null, null)).orElseThrow().offsets()).containsExactly(Duration.ofHours(6));
        assertThat(ReminderRules.parse("", DAYS).size()).isZero();
        assertThat(ReminderRules.parse("rules: []\n", DAYS).size()).isZero();
        assertThat(ReminderRules.none().match(event("hl7", "Lab", null, null, null))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "rules:\\n  - match: {typ: Lab}\\n    call: false          | rule 1 match.typ: unknown key",
            "rules:\\n  - match: {type: Lab}\\n    offset: [P1D]        | rule 1 offset: unknown key",
            "rule:\\n  - match: {}                                      | rule: unknown key",
            "rules:\\n  - call: false                                   | rule 1 match: required",
            "rules:\\n  - match: {}\\n  - match: {type: [a]}            | rule 2 match.type: expected a text",
            "rules:\\n  - match: {type: ''}                             | rule 1 match.type: expected a text",
            "rules:\\n  - match: {}\\n    call: maybe                   | rule 1 call: expected true or false",
            "rules:\\n  - match: {}\\n    offsets: []                   | rule 1 offsets: expected a list",
            "rules:\\n  - match: {}\\n    offsets: P1D                  | rule 1 offsets: expected a list",
            "rules:\\n  - match: {}\\n    offsets: [P1D, 2 days]        | rule 1 offsets: item 2 is not an ISO 8601 duration",
            "rules:\\n  - match: {}\\n    offsets: [PT0S]               | rule 1 offsets: item 1 must be more than zero",
            "rules:\\n  - match: {}\\n    offsets: [P1D, PT24H]         | rule 1 offsets: item 2 is given twice",
            "rules:\\n  - match: {}\\n    agent: agent-7                | rule 1 agent: expected an agent UUID",
            "rules:\\n  - match: {}\\n    calling-window: '21:00-23:00' | rule 1 calling-window: expected hours",
            "rules:\\n  - match: {}\\n    calling-window: 9-5           | rule 1 calling-window: expected hours",
            "rules:\\n  - match: {}\\n    retry-unreached: [-PT1H]      | rule 1 retry-unreached: item 1 must be more than zero",
            "rules:\\n  - match: {}\\n    call: false\\n    offsets: [P1D] | rule 1 call: false places no call",
            "rules:\\n  - match: {}\\n    match: {}                     | line 3: not valid YAML",
            "rules:\\n  - match: {type: [}                              | line ",
            "rules: {type: Lab}                                         | rules: expected a list",
            "- match: {}                                                | expected a mapping with one key, rules",
            "rules:\\n  - Lab                                           | rule 1: expected a mapping",
    })
    void should_refuse_a_bad_rule_naming_its_number_and_field(String yaml, String message) {
        assertThatThrownBy(() -> ReminderRules.parse(yaml.replace("\\n", "\n"), DAYS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message.strip());
    }

    @Test
    void should_not_quote_the_value_of_a_bad_field() {
        assertThatThrownBy(() -> ReminderRules.parse("rules:\n  - match: {}\n    agent: Jane Doe 555-0100\n", DAYS))
                .hasMessageNotContaining("Jane").hasMessageNotContaining("555");
    }

    private Path write(String content, Instant modified) throws IOException {
        Path file = dir.resolve("rules.yaml");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    @Test
    void should_refuse_a_bad_file_at_start_naming_the_key() throws IOException {
        Path file = write("rules:\n  - match: {typo: x}\n", Instant.parse("2026-11-01T00:00:00Z"));

        assertThatThrownBy(() -> RulesFile.load(file, KEY, DAYS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(KEY + ": " + file + ": rule 1 match.typo: unknown key (expected one of language, location, provider, source, type)");
        assertThatThrownBy(() -> ReminderRules.load(file, KEY, DAYS)).hasMessageStartingWith(KEY + ": ");
    }

    @Test
    void should_reload_a_changed_file_and_keep_the_last_good_rules_when_it_breaks() throws IOException {
        Path file = write("rules:\n  - match: {type: Lab}\n    call: false\n", Instant.parse("2026-11-01T00:00:00Z"));
        RulesFile rules = RulesFile.load(file, KEY, DAYS, WatchedFile.RECHECK, () -> nanos);
        AppointmentEvent lab = event("hl7", "Lab", null, null, null);
        assertThat(rules.current().match(lab)).isPresent();

        write("rules:\n  - match: {type: Labs}\n    call: false\n", Instant.parse("2026-11-02T00:00:00Z"));
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(rules.current().match(lab)).isEmpty();

        write("rules:\n  - match: {type: Lab}\n    call: nope\n", Instant.parse("2026-11-03T00:00:00Z"));
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(rules.current().match(event("hl7", "Labs", null, null, null))).as("the last good rules").isPresent();

        assertThat(RulesFile.of(ReminderRules.none()).current().size()).isZero();
    }
}
