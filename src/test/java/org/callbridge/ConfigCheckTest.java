package org.callbridge;

import org.callbridge.config.Settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckTest {
    private static CallsApiSimulator simulator;
    @TempDir
    Path work;

    @BeforeAll
    static void start() {
        simulator = CallsApiSimulator.start(SimulatorFixtures.load(Path.of("sample-data/simulator-fixtures.json")), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private Settings settings(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("callbridge.api.url", simulator.baseUrl());
        values.put("callbridge.api.key", "demo-key");
        values.put("callbridge.agent-id", "9f3e7a10-5c2d-4b8e-8a41-0d1e2f3a4b5c");
        values.put("callbridge.timezone", "America/New_York");
        values.put("callbridge.state.url", "jdbc:h2:file:" + work.resolve("state/cb").toAbsolutePath() + ";WRITE_DELAY=0");
        values.put("callbridge.inbox.hl7", work.resolve("inbox/hl7").toString());
        values.put("callbridge.inbox.csv", work.resolve("inbox/csv").toString());
        values.put("callbridge.rejected.dir", work.resolve("rejected").toString());
        values.put("callbridge.reports.dir", work.resolve("reports").toString());
        values.put("callbridge.patients.crosswalk", "sample-data/crosswalk.csv");
        values.putAll(overrides);
        return Settings.load(null, Map.of()).with(values);
    }

    @Test
    void should_find_nothing_wrong_with_a_working_configuration() {
        assertThat(new ConfigCheck(settings(Map.of())).run()).isEmpty();
    }

    @Test
    void should_name_each_bad_setting_on_its_own_line() {
        List<String> problems = new ConfigCheck(settings(Map.of(
                "callbridge.agent-id", "not-a-uuid",
                "callbridge.timezone", "Mars/Olympus",
                "callbridge.calling-window", "25:00-19:00",
                "callbridge.hl7.mllp.port", "70000",
                "callbridge.poll.interval", "30 seconds",
                "callbridge.patients.crosswalk", "missing.csv"))).run();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("callbridge.agent-id"))
                .anySatisfy(p -> assertThat(p).startsWith("callbridge.timezone"))
                .anySatisfy(p -> assertThat(p).contains("callbridge.calling-window"))
                .anySatisfy(p -> assertThat(p).startsWith("callbridge.hl7.mllp.port"))
                .anySatisfy(p -> assertThat(p).startsWith("callbridge.poll.interval"))
                .anySatisfy(p -> assertThat(p).startsWith("callbridge.patients.crosswalk"));
        assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain("\n"));
    }

    @Test
    void should_read_good_program_files_and_report_each_bad_one_on_one_line() throws java.io.IOException {
        Path rules = java.nio.file.Files.writeString(work.resolve("rules.yaml"), "rules:\n  - match: {type: Lab*}\n    call: false\n");
        Path holidays = java.nio.file.Files.writeString(work.resolve("holidays.txt"), "2026-12-25\n2026-12-24 Main Campus\n");
        Path doNotCall = java.nio.file.Files.writeString(work.resolve("dnc.csv"), "mrn\n100001\n");
        assertThat(new ConfigCheck(settings(Map.of("callbridge.rules", rules.toString(), "callbridge.holidays", holidays.toString(),
                "callbridge.do-not-call", doNotCall.toString()))).run()).isEmpty();

        java.nio.file.Files.writeString(rules, "rules:\n  - match: {type: Lab*}\n  - match: {locaton: North}\n");
        java.nio.file.Files.writeString(holidays, "2026-12-25\nChristmas Eve\n");
        java.nio.file.Files.writeString(doNotCall, "name\nJane Doe\n");
        List<String> problems = new ConfigCheck(settings(Map.of("callbridge.rules", rules.toString(),
                "callbridge.holidays", holidays.toString(), "callbridge.do-not-call", doNotCall.toString()))).run();

        assertThat(problems).containsExactlyInAnyOrder(
                "callbridge.holidays: " + holidays + ": line 2: not a date such as 2026-12-25",
                "callbridge.rules: " + rules + ": rule 2 match.locaton: unknown key (expected one of language, location, provider, source, type)",
                "callbridge.do-not-call: " + doNotCall + ": line 1: the header needs a patient_id or an mrn column");
        assertThat(new ConfigCheck(settings(Map.of("callbridge.rules", "missing.yaml"))).run())
                .containsExactly("callbridge.rules: not a readable file: missing.yaml");
    }

    @Test
    void should_report_a_refused_key_without_printing_it() {
        List<String> problems = new ConfigCheck(settings(Map.of("callbridge.api.key", "wrong-secret-123"))).run();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p).startsWith("callbridge.api.key: not accepted");
            assertThat(p).doesNotContain("wrong-secret-123");
        });
    }

    @Test
    void should_report_an_unreachable_api() {
        List<String> problems = new ConfigCheck(settings(Map.of("callbridge.api.url", "http://127.0.0.1:9"))).run();

        assertThat(problems).singleElement().satisfies(p -> assertThat(p).startsWith("callbridge.api.url"));
    }

    @Test
    void should_report_a_tls_keystore_that_cannot_be_opened_without_printing_its_password() {
        List<String> problems = new ConfigCheck(settings(Map.of(
                "callbridge.hl7.mllp.tls.keystore", work.resolve("absent.p12").toString(),
                "callbridge.hl7.mllp.tls.keystore-password", "tls-secret-456",
                "callbridge.hl7.mllp.tls.client-auth", "sometimes"))).run();

        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("callbridge.hl7.mllp.tls"));
        assertThat(problems).allSatisfy(p -> assertThat(p).doesNotContain("tls-secret-456"));
    }
}
