package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSummaryWriterTest {
    static final String OTHER_CALL = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d";

    @TempDir
    Path reports;

    @Test
    void should_write_the_leading_columns_then_the_final_report_flattened() throws Exception {
        Path file = new CsvSummaryWriter(reports).write(Calls.report("""
                {"appointment_confirmed": true, "score": 4.5, "attempts": 3,
                 "callback": {"requested": false, "window": {"from": "09:00"}},
                 "topics": ["billing", "parking"], "note": null, "extra": {}}"""));

        assertThat(file).isEqualTo(reports.resolve("calls-2024-01-15.csv"));
        CsvFiles csv = CsvFiles.read(file);
        assertThat(csv.header()).containsExactly("call_id", "appointment_id", "source", "mrn", "patient_id", "status",
                "started_at", "ended_at", "duration_seconds", "outcome",
                "final_report.appointment_confirmed", "final_report.score", "final_report.attempts",
                "final_report.callback.requested", "final_report.callback.window.from", "final_report.topics",
                "final_report.note", "final_report.extra");
        assertThat(csv.rows()).singleElement().satisfies(row -> {
            assertThat(row).containsEntry("call_id", Calls.CALL_ID).containsEntry("appointment_id", "A-100")
                    .containsEntry("source", "hl7").containsEntry("mrn", "MRN1")
                    .containsEntry("patient_id", Calls.PATIENT_ID).containsEntry("status", "completed")
                    .containsEntry("started_at", "2024-01-15T10:30:15.000Z")
                    .containsEntry("ended_at", "2024-01-15T10:35:45.000Z").containsEntry("duration_seconds", "330")
                    .containsEntry("outcome", "reached");
            assertThat(row).containsEntry("final_report.appointment_confirmed", "true")
                    .containsEntry("final_report.score", "4.5").containsEntry("final_report.attempts", "3")
                    .containsEntry("final_report.callback.requested", "false")
                    .containsEntry("final_report.callback.window.from", "09:00")
                    .containsEntry("final_report.topics", "[\"billing\",\"parking\"]")
                    .containsEntry("final_report.note", "").containsEntry("final_report.extra", "{}");
        });
    }

    @Test
    void should_add_the_columns_of_a_later_report_and_keep_every_earlier_value() throws Exception {
        CsvSummaryWriter writer = new CsvSummaryWriter(reports);
        writer.write(CallReport.of(Calls.completed(OTHER_CALL, "null"), null));
        writer.write(Calls.report("{\"appointment_confirmed\": true}"));

        Path file = writer.write(CallReport.of(Calls.completed("b1", "{\"reschedule\": {\"requested\": true}}"), null));

        CsvFiles csv = CsvFiles.read(file);
        assertThat(csv.header()).endsWith("duration_seconds", "outcome", "final_report.appointment_confirmed",
                "final_report.reschedule.requested");
        assertThat(csv.rows()).extracting(r -> r.get("call_id")).containsExactly(OTHER_CALL, Calls.CALL_ID, "b1");
        assertThat(csv.row(OTHER_CALL)).containsEntry("appointment_id", "").containsEntry("final_report.appointment_confirmed", "");
        assertThat(csv.row(Calls.CALL_ID)).containsEntry("final_report.appointment_confirmed", "true")
                .containsEntry("final_report.reschedule.requested", "");
        assertThat(csv.row("b1")).containsEntry("final_report.reschedule.requested", "true");
    }

    @Test
    void should_write_the_outcome_class_of_each_call() throws Exception {
        CsvSummaryWriter writer = new CsvSummaryWriter(reports);
        writer.write(Calls.classified("{\"appointment_confirmed\": true}"));
        ObjectNode failed = Calls.completed(OTHER_CALL, "null");
        failed.put("status", "failed");

        CsvFiles csv = CsvFiles.read(writer.write(CallReport.of(failed, null, Calls.RULES)));

        assertThat(csv.row(Calls.CALL_ID)).containsEntry("outcome", "confirmed");
        assertThat(csv.row(OTHER_CALL)).containsEntry("outcome", "unreached");
    }

    @Test
    void should_keep_a_day_file_of_the_old_header_and_append_the_outcome_column() throws Exception {
        String old = "call_id,appointment_id,source,mrn,patient_id,status,started_at,ended_at,duration_seconds,final_report.x\r\n"
                + "old-1,A-1,hl7,MRN9,p-9,completed,2024-01-15T09:00:00.000Z,2024-01-15T09:01:00.000Z,60,yes\r\n";
        Path file = Files.writeString(reports.resolve("calls-2024-01-15.csv"), old);

        new CsvSummaryWriter(reports).write(Calls.classified("{\"appointment_confirmed\": true}"));

        CsvFiles csv = CsvFiles.read(file);
        assertThat(csv.header()).containsExactly("call_id", "appointment_id", "source", "mrn", "patient_id", "status",
                "started_at", "ended_at", "duration_seconds", "final_report.x", "outcome",
                "final_report.appointment_confirmed");
        assertThat(csv.row("old-1")).containsEntry("final_report.x", "yes").containsEntry("duration_seconds", "60")
                .containsEntry("outcome", "");
        assertThat(csv.row(Calls.CALL_ID)).containsEntry("outcome", "confirmed").containsEntry("final_report.x", "")
                .containsEntry("final_report.appointment_confirmed", "true");
        assertThat(Files.readString(file)).startsWith(old.substring(0, old.indexOf("\r\n")) + ",outcome,");
    }

    @Test
    void should_escape_cells_that_start_with_a_formula_character() throws Exception {
        ObjectNode call = Calls.completed("""
                {"a": "=1+1", "b": "+1", "c": "-2", "d": "@SUM(A1:A2)", "phone": "+15555550101",
                 "negative": -2, "tab": "\\tx", "cr": "\\rx", "plain": "fine = ok"}""");

        CsvFiles csv = CsvFiles.read(new CsvSummaryWriter(reports).write(Calls.report(call)));

        assertThat(csv.row(Calls.CALL_ID)).containsEntry("final_report.a", "'=1+1").containsEntry("final_report.b", "'+1")
                .containsEntry("final_report.c", "'-2").containsEntry("final_report.d", "'@SUM(A1:A2)")
                .containsEntry("final_report.phone", "'+15555550101").containsEntry("final_report.negative", "'-2")
                .containsEntry("final_report.tab", "'\tx").containsEntry("final_report.cr", "'\rx")
                .containsEntry("final_report.plain", "fine = ok");
    }

    @Test
    void should_escape_the_leading_columns_too() throws Exception {
        var appointment = Calls.appointment();
        var fromFeed = new org.callbridge.appointment.AppointmentEvent("csv:main", "f.csv:2", "csv:main", "=HYPERLINK(1)",
                appointment.kind(), appointment.identifiers(), Calls.PATIENT_ID, "-5", appointment.start(), null,
                null, null, null, null, null, null);

        CsvFiles csv = CsvFiles.read(new CsvSummaryWriter(reports).write(CallReport.of(Calls.completed("{}"), fromFeed)));

        assertThat(csv.rows().get(0)).containsEntry("appointment_id", "'=HYPERLINK(1)").containsEntry("mrn", "'-5");
    }

    @Test
    void should_keep_one_row_and_leave_the_file_untouched_when_a_call_is_written_twice() throws Exception {
        CsvSummaryWriter writer = new CsvSummaryWriter(reports);
        Path file = writer.write(Calls.report("{\"appointment_confirmed\": true}"));
        byte[] before = Files.readAllBytes(file);
        var modified = Files.getLastModifiedTime(file);

        writer.write(Calls.report("{\"appointment_confirmed\": true}"));
        new CsvSummaryWriter(reports).writeAll(List.of(Calls.report("{\"appointment_confirmed\": true}")));

        assertThat(CsvFiles.read(file).rows()).hasSize(1);
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(modified);
    }

    @Test
    void should_replace_the_row_in_place_when_a_call_comes_back_changed() throws Exception {
        CsvSummaryWriter writer = new CsvSummaryWriter(reports);
        writer.write(Calls.report("{\"appointment_confirmed\": false}"));
        writer.write(CallReport.of(Calls.completed(OTHER_CALL, "{}"), null));

        Path file = writer.write(Calls.report("{\"appointment_confirmed\": true}"));

        CsvFiles csv = CsvFiles.read(file);
        assertThat(csv.rows()).extracting(r -> r.get("call_id")).containsExactly(Calls.CALL_ID, OTHER_CALL);
        assertThat(csv.row(Calls.CALL_ID)).containsEntry("final_report.appointment_confirmed", "true");
    }

    @Test
    void should_write_a_page_of_calls_into_the_file_of_each_day() throws Exception {
        ObjectNode nextDay = Calls.completed(OTHER_CALL, "{}");
        nextDay.put("ended_at", "2024-01-16T00:00:01.000Z");

        List<Path> files = new CsvSummaryWriter(reports)
                .writeAll(List.of(Calls.report("{}"), CallReport.of(nextDay, null), Calls.report("{}")));

        assertThat(files).containsExactly(reports.resolve("calls-2024-01-15.csv"), reports.resolve("calls-2024-01-16.csv"));
        assertThat(CsvFiles.read(files.get(0)).rows()).hasSize(1);
        assertThat(CsvFiles.read(files.get(1)).rows()).extracting(r -> r.get("call_id")).containsExactly(OTHER_CALL);
        try (Stream<Path> all = Files.list(reports)) {
            assertThat(all).containsExactlyInAnyOrderElementsOf(files);
        }
    }

    @Test
    void should_keep_every_row_when_threads_write_the_same_day_at_once() throws Exception {
        CsvSummaryWriter writer = new CsvSummaryWriter(reports);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Path>> done = new ArrayList<>();
            IntStream.range(0, 64).forEach(i -> done.add(pool.submit(() ->
                    writer.write(CallReport.of(Calls.completed("call-" + i, "{\"k" + i % 5 + "\": " + i + "}"), null)))));
            for (Future<Path> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        CsvFiles csv = CsvFiles.read(reports.resolve("calls-2024-01-15.csv"));
        assertThat(csv.rows()).hasSize(64);
        assertThat(csv.header()).contains("final_report.k0", "final_report.k4");
        assertThat(csv.row("call-42")).containsEntry("final_report.k2", "42");
    }

    @Test
    void should_refuse_to_overwrite_a_file_that_is_not_a_summary() throws Exception {
        Path file = Files.writeString(reports.resolve("calls-2024-01-15.csv"), "name,phone\nJohn Doe,+15555551234\n");

        assertThatThrownBy(() -> new CsvSummaryWriter(reports).write(Calls.report("{}")))
                .isInstanceOf(UncheckedIOException.class).hasMessageNotContaining("John");
        assertThat(Files.readString(file)).isEqualTo("name,phone\nJohn Doe,+15555551234\n");
    }
}
