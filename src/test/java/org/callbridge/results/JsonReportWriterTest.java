package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonReportWriterTest {

    @TempDir
    Path root;
    Path reports;

    @BeforeEach
    void reportsFolder() {
        reports = root.resolve("reports");
    }

    @Test
    void should_write_the_call_as_returned_and_its_appointment_under_the_ended_day() throws Exception {
        ObjectNode call = Calls.completed("{\"appointment_confirmed\": true, \"notes\": [\"a\", \"b\"]}");
        CallReport report = CallReport.of(call, Calls.appointment());

        Path written = new JsonReportWriter(reports).write(report);

        assertThat(written).isEqualTo(reports.resolve("calls/2024-01-15/" + Calls.CALL_ID + ".json"));
        var json = Calls.JSON.readTree(written.toFile());
        assertThat(json.get("call")).isEqualTo(call);
        assertThat(json.get("appointment").get("appointment_id").asText()).isEqualTo("A-100");
        assertThat(json.get("appointment").get("start").asText()).isEqualTo("2024-01-16T10:30:00-05:00");
    }

    @Test
    void should_write_the_outcome_class_at_the_top_level() throws Exception {
        Path confirmed = new JsonReportWriter(reports).write(Calls.classified("{\"appointment_confirmed\": true}"));
        ObjectNode failed = Calls.completed("b2", "null");
        failed.put("status", "failed");
        Path unreached = new JsonReportWriter(reports).write(CallReport.of(failed, null, Calls.RULES));

        assertThat(Calls.JSON.readTree(confirmed.toFile()).get("outcome").asText()).isEqualTo("confirmed");
        assertThat(Calls.JSON.readTree(unreached.toFile()).get("outcome").asText()).isEqualTo("unreached");
        assertThat(Calls.JSON.readTree(unreached.toFile()).get("call").has("outcome")).isFalse();
    }

    @Test
    void should_file_a_call_under_its_utc_day() {
        ObjectNode call = Calls.completed("{}");
        call.put("ended_at", "2024-01-15T23:30:00-05:00");

        Path written = new JsonReportWriter(reports).write(CallReport.of(call, null));

        assertThat(written.getParent().getFileName().toString()).isEqualTo("2024-01-16");
    }

    @Test
    void should_leave_no_temp_file_beside_the_report() throws Exception {
        Path written = new JsonReportWriter(reports).write(Calls.report("{}"));

        try (Stream<Path> files = Files.list(written.getParent())) {
            assertThat(files).containsExactly(written);
        }
    }

    @Test
    void should_leave_one_file_with_the_same_content_when_written_twice() throws Exception {
        JsonReportWriter writer = new JsonReportWriter(reports);
        Path first = writer.write(Calls.report("{\"a\": 1}"));
        byte[] content = Files.readAllBytes(first);

        Path second = writer.write(Calls.report("{\"a\": 1}"));

        assertThat(second).isEqualTo(first);
        assertThat(Files.readAllBytes(second)).isEqualTo(content);
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.filter(Files::isRegularFile)).containsExactly(first);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "..", "/abs", "a/b", "a\\b", "", "x.json", "id with space",
            "0123456789012345678901234567890123456789012345678901234567890123456789"})
    void should_reject_a_call_id_that_could_escape_the_reports_folder(String callId) throws Exception {
        CallReport report = CallReport.of(Calls.completed(callId, "{}"), null);

        assertThatThrownBy(() -> new JsonReportWriter(reports).write(report))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("call id is not a token of 1 to 64 letters, digits or hyphens");
        try (Stream<Path> files = Files.walk(root)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void should_not_write_a_report_through_a_link_below_the_reports_folder() throws Exception {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.createDirectories(reports);
        Files.createSymbolicLink(reports.resolve("calls"), outside);

        assertThatThrownBy(() -> new JsonReportWriter(reports).write(CallReport.of(Calls.completed("{}"), null)))
                .hasRootCauseInstanceOf(org.callbridge.files.UnsafePathException.class);
        try (Stream<Path> written = Files.walk(outside)) {
            assertThat(written.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
