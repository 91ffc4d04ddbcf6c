package org.callbridge.csv;

import org.callbridge.appointment.CollectedRows;

import org.callbridge.appointment.SampleData;

import org.callbridge.appointment.AppointmentEvent;

import org.callbridge.appointment.RejectedInputException;

import org.callbridge.appointment.PatientIdentifier;




import org.callbridge.appointment.EventKind;


import org.callbridge.config.Configuration;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The CSV reader in the default layout: rows, rejections, line numbers, quoting, zones. */
class CsvAppointmentReaderTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String HEADER = "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status\n";
    private static final String UUID = "5b0c1a7e-0000-4000-8000-000000000010";
    private final CsvAppointmentReader reader = new CsvAppointmentReader(CsvFeedConfig.defaults(CHICAGO));

    private CollectedRows read(String content) {
        CollectedRows rows = new CollectedRows();
        reader.read(new StringReader(content), "drop.csv", rows);
        return rows;
    }

    private RowRejection onlyRejection(String row) {
        CollectedRows rows = read(HEADER + row + "\n");
        assertThat(rows.events).isEmpty();
        assertThat(rows.rejections).hasSize(1);
        return rows.rejections.get(0);
    }

    @Test
    void should_read_the_sample_file_rejecting_only_its_bad_row() throws IOException {
        CollectedRows rows = new CollectedRows();
        CsvReadSummary summary;
        try (InputStream in = SampleData.path("csv/appointments.csv").toUri().toURL().openStream()) {
            summary = reader.read(in, StandardCharsets.UTF_8, "appointments.csv", rows);
        }

        assertThat(summary).isEqualTo(new CsvReadSummary(6, 5, 1, true));
        assertThat(rows.events).extracting(AppointmentEvent::appointmentId, AppointmentEvent::kind, AppointmentEvent::sourceRef)
                .containsExactly(
                        tuple("C-5001", EventKind.NEW, "appointments.csv:2"),
                        tuple("C-5002", EventKind.NEW, "appointments.csv:3"),
                        tuple("C-5003", EventKind.NEW, "appointments.csv:4"),
                        tuple("C-5004", EventKind.CANCEL, "appointments.csv:6"),
                        tuple("C-5006", EventKind.NEW, "appointments.csv:8"));
        assertThat(rows.rejections).containsExactly(new RowRejection("appointments.csv", 7, "start",
                "start: expected yyyy-MM-ddTHH:mm, optionally with seconds and an offset"));
    }

    @Test
    void should_map_the_columns_of_the_default_layout() {
        CollectedRows rows = read(HEADER
                + "C-1,100011,,2026-12-03T09:00,America/New_York,Annual physical,Dr. Hannah Cole,\"Family Medicine, Suite 200\",booked\n");

        AppointmentEvent event = rows.event("C-1");
        assertThat(event.source()).isEqualTo("csv:default");
        assertThat(event.feed()).isEqualTo("csv:default");
        assertThat(event.identifiers()).containsExactly(new PatientIdentifier("100011", null, "MR"));
        assertThat(event.mrn()).isEqualTo("100011");
        assertThat(event.patientId()).isNull();
        assertThat(event.start()).isEqualTo(ZonedDateTime.of(2026, 12, 3, 9, 0, 0, 0, ZoneId.of("America/New_York")));
        assertThat(event.appointmentType()).isEqualTo("Annual physical");
        assertThat(event.provider()).isEqualTo("Dr. Hannah Cole");
        assertThat(event.location()).isEqualTo("Family Medicine, Suite 200");
        assertThat(event.status()).isEqualTo("booked");
        assertThat(event.controlId()).isNull();
        assertThat(event.phone()).isNull();
    }

    @Test
    void should_read_an_optional_language_column_in_lower_case() {
        CollectedRows rows = read("appointment_id,mrn,start,Language\n"
                + "L-1,100011,2026-12-03T09:00, ES \n"
                + "L-2,100012,2026-12-03T09:00,\n");

        assertThat(rows.event("L-1").language()).isEqualTo("es");
        assertThat(rows.event("L-2").language()).isNull();
        assertThat(read(HEADER + "C-1,100011,,2026-12-03T09:00,,,,,booked\n").event("C-1").language()).isNull();
    }

    @Test
    void should_take_a_calls_api_patient_id_as_given_in_lower_case() {
        AppointmentEvent event = read(HEADER + "C-2,,5B0C1A7E-0000-4000-8000-000000000010,2026-12-03T14:15:00,,,,,booked\n").event("C-2");

        assertThat(event.patientId()).isEqualTo(UUID);
        assertThat(event.identifiers()).isEmpty();
        assertThat(event.mrn()).isNull();
    }

    @Test
    void should_read_local_starts_in_the_row_zone_else_the_default_zone() {
        CollectedRows rows = read(HEADER
                + "A,1,,2026-12-03T09:00,America/Denver,,,,booked\n"
                + "B,1,,2026-12-03T09:00:30,,,,,booked\n");

        assertThat(rows.event("A").start()).isEqualTo(ZonedDateTime.of(2026, 12, 3, 9, 0, 0, 0, ZoneId.of("America/Denver")));
        assertThat(rows.event("B").start()).isEqualTo(ZonedDateTime.of(2026, 12, 3, 9, 0, 30, 0, CHICAGO));
    }

    @Test
    void should_keep_the_instant_of_a_start_with_an_offset() {
        CollectedRows rows = read(HEADER
                + "A,1,,2026-12-04T08:30:00-06:00,,,,,booked\n"
                + "B,1,,2026-12-04T08:30:00-05:00,,,,,booked\n"
                + "C,1,,2026-12-04T08:30:00-05:00,America/Denver,,,,booked\n");

        assertThat(rows.event("A").start()).isEqualTo(ZonedDateTime.of(2026, 12, 4, 8, 30, 0, 0, CHICAGO));
        assertThat(rows.event("B").start()).isEqualTo(ZonedDateTime.parse("2026-12-04T08:30:00-05:00"));
        assertThat(rows.event("C").start().toInstant()).isEqualTo(ZonedDateTime.parse("2026-12-04T13:30:00Z").toInstant());
        assertThat(rows.event("C").start().getZone()).isEqualTo(ZoneId.of("America/Denver"));
    }

    @Test
    void should_strip_a_byte_order_mark_and_read_crlf_lines() {
        String content = "\uFEFF" + HEADER.replace("\n", "\r\n") + "C-1,100011,,2026-12-03T09:00,,,,,booked\r\nC-2,100012,,2026-12-03T10:00,,,,,cancelled\r\n";
        CollectedRows rows = new CollectedRows();

        reader.read(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8, "win.csv", rows);

        assertThat(rows.rejections).isEmpty();
        assertThat(rows.events).extracting(AppointmentEvent::appointmentId, AppointmentEvent::sourceRef)
                .containsExactly(tuple("C-1", "win.csv:2"), tuple("C-2", "win.csv:3"));
        assertThat(rows.event("C-2").location()).isNull();
    }

    @Test
    void should_read_quoted_cells_with_delimiters_quotes_and_line_breaks_and_count_lines_from_the_row_start() {
        CollectedRows rows = read(HEADER
                + "C-1,1,,2026-12-03T09:00,,\"Physical therapy \"\"initial\"\" eval\",\"Osei, Abena\",\"Rehab\r\nBuilding B\nFloor 2\",booked\n"
                + "C-2,1,,2026-12-03T09:00,,,,,bogus\n");

        assertThat(rows.event("C-1").appointmentType()).isEqualTo("Physical therapy \"initial\" eval");
        assertThat(rows.event("C-1").provider()).isEqualTo("Osei, Abena");
        assertThat(rows.event("C-1").location()).isEqualTo("Rehab\r\nBuilding B\nFloor 2");
        assertThat(rows.event("C-1").sourceRef()).isEqualTo("drop.csv:2");
        assertThat(rows.rejections).extracting(RowRejection::lineNumber).containsExactly(5L);
    }

    @Test
    void should_skip_blank_lines_and_rows_of_empty_cells() {
        CollectedRows rows = read(HEADER + "\n\nC-1,1,,2026-12-03T09:00,,,,,booked\n,,,,,,,,\n   \nC-2,1,,2026-12-03T09:00,,,,,booked\n\n");

        assertThat(rows.rejections).isEmpty();
        assertThat(rows.events).extracting(AppointmentEvent::sourceRef).containsExactly("drop.csv:4", "drop.csv:7");
    }

    @Test
    void should_reject_a_row_without_appointment_id_naming_the_column() {
        RowRejection rejection = onlyRejection(",100011,,2026-12-03T09:00,,,,,booked");

        assertThat(rejection.field()).isEqualTo("appointment_id");
        assertThat(rejection.reason()).isEqualTo("appointment_id: missing appointment id");
        assertThat(rejection.lineNumber()).isEqualTo(2);
        assertThat(rejection.describe()).isEqualTo("drop.csv:2 appointment_id: missing appointment id");
    }

    @Test
    void should_reject_a_row_with_an_unparseable_start_without_echoing_it() {
        RowRejection rejection = onlyRejection("C-1,100011,,03/12/2026 9am,,,,,booked");

        assertThat(rejection.reason()).startsWith("start: expected yyyy-MM-ddTHH:mm").doesNotContain("9am");
    }

    @Test
    void should_reject_an_impossible_date() {
        assertThat(onlyRejection("C-1,100011,,2026-02-30T09:00,,,,,booked").field()).isEqualTo("start");
    }

    @Test
    void should_reject_a_booked_row_without_start_and_accept_a_cancelled_one() {
        assertThat(onlyRejection("C-1,100011,,,,,,,booked").reason()).isEqualTo("start: missing appointment start");

        CollectedRows cancelled = read(HEADER + "C-1,100011,,,,,,,cancelled\nC-2,100011,,garbled,,,,,Canceled\n");
        assertThat(cancelled.events).extracting(AppointmentEvent::kind).containsExactly(EventKind.CANCEL, EventKind.CANCEL);
        assertThat(cancelled.events).allSatisfy(e -> assertThat(e.start()).isNull());
    }

    @Test
    void should_reject_an_unknown_status_and_read_an_empty_one_as_booked() {
        assertThat(onlyRejection("C-1,100011,,2026-12-03T09:00,,,,,pending").reason())
                .isEqualTo("status: unknown status, expected booked or canceled, cancelled");

        assertThat(read(HEADER + "C-1,100011,,2026-12-03T09:00,,,,,\n").event("C-1").kind()).isEqualTo(EventKind.NEW);
    }

    @Test
    void should_reject_an_unknown_timezone() {
        RowRejection rejection = onlyRejection("C-1,100011,,2026-12-03T09:00,America/Chicgo,,,,booked");

        assertThat(rejection.field()).isEqualTo("timezone");
        assertThat(rejection.reason()).doesNotContain("Chicgo");
    }

    @Test
    void should_reject_a_row_without_patient_reference_naming_both_columns() {
        RowRejection rejection = onlyRejection("C-1,,,2026-12-03T09:00,,,,,booked");

        assertThat(rejection.field()).isEqualTo("mrn/patient_id");
        assertThat(rejection.reason()).isEqualTo("mrn/patient_id: no patient reference");
    }

    @Test
    void should_reject_a_patient_id_that_is_not_a_uuid() {
        assertThat(onlyRejection("C-1,,12345,2026-12-03T09:00,,,,,booked").field()).isEqualTo("patient_id");
    }

    @Test
    void should_reject_a_row_with_the_wrong_number_of_columns() {
        assertThat(onlyRejection("C-1,100011,,2026-12-03T09:00,,,,booked").reason()).isEqualTo("row: expected 9 columns, found 8");
        assertThat(onlyRejection("C-1,100011,,2026-12-03T09:00,,,,,booked,extra").reason()).isEqualTo("row: expected 9 columns, found 10");
    }

    @Test
    void should_go_on_after_a_bad_row() {
        CollectedRows rows = read(HEADER + "C-1,1,,2026-12-03T09:00,,,,,booked\nC-2,1,,nope,,,,,booked\nC-3,1,,2026-12-03T10:00,,,,,booked\n");

        assertThat(rows.events).extracting(AppointmentEvent::appointmentId).containsExactly("C-1", "C-3");
        assertThat(rows.rejections).extracting(RowRejection::lineNumber).containsExactly(3L);
    }

    @Test
    void should_reject_the_whole_file_when_the_header_lacks_a_required_column() {
        CollectedRows rows = new CollectedRows();

        assertThatThrownBy(() -> reader.read(new StringReader("appointment_id,mrn,timezone\nC-1,1,UTC\n"), "x.csv", rows))
                .isInstanceOf(RejectedInputException.class)
                .hasMessage("header: missing required column: start");
        assertThatThrownBy(() -> reader.read(new StringReader("appointment_id,start\nC-1,2026-12-03T09:00\n"), "x.csv", rows))
                .hasMessage("header: missing required column: mrn or patient_id");
        assertThatThrownBy(() -> reader.read(new StringReader(""), "x.csv", rows))
                .hasMessage("header: missing required column: appointment_id");
        assertThat(rows.events).isEmpty();
        assertThat(rows.rejections).isEmpty();
    }

    @Test
    void should_reject_a_file_whose_header_names_a_mapped_column_twice() {
        assertThatThrownBy(() -> read("appointment_id,mrn,start,MRN\n"))
                .isInstanceOf(RejectedInputException.class).hasMessageContaining("appears twice");
    }

    @Test
    void should_match_header_names_without_case_and_surrounding_spaces_and_ignore_unknown_columns() {
        CollectedRows rows = read(" Appointment_ID , MRN ,Start,Notes\nC-1,1,2026-12-03T09:00,call after 5\n");

        assertThat(rows.event("C-1").start()).isEqualTo(ZonedDateTime.of(2026, 12, 3, 9, 0, 0, 0, CHICAGO));
        assertThat(rows.event("C-1").status()).isNull();
    }

    @Test
    void should_report_malformed_quoting_and_keep_the_rows_before_it() {
        CollectedRows rows = new CollectedRows();

        CsvReadSummary summary = reader.read(new StringReader(HEADER
                + "C-1,1,,2026-12-03T09:00,,,,,booked\nC-2,1,,2026-12-03T09:00,,\"unclosed,,,booked\nC-3,1,,2026-12-03T09:00,,,,,booked\n"), "q.csv", rows);

        assertThat(rows.events).extracting(AppointmentEvent::appointmentId).containsExactly("C-1");
        assertThat(rows.rejections).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo("csv");
            assertThat(r.reason()).contains("malformed quoting").contains("rest of the file was not read");
        });
        assertThat(summary.complete()).isFalse();
    }

    @Test
    void should_let_a_read_failure_through_as_an_io_error_not_a_rejection() {
        Reader failing = new Reader() {
            private boolean headerSent;

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                if (!headerSent) {
                    headerSent = true;
                    HEADER.getChars(0, HEADER.length(), buffer, offset);
                    return HEADER.length();
                }
                throw new IOException("disk gone");
            }

            @Override
            public void close() {
            }
        };

        assertThatThrownBy(() -> reader.read(failing, "x.csv", new CollectedRows())).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void should_read_a_custom_datetime_format_feed() {
        CsvFeedConfig feed = Configuration.feed("clinic", Map.of(
                "callbridge.csv.clinic.column.appointment-id", "id",
                "callbridge.csv.clinic.column.patient-id", "patient",
                "callbridge.csv.clinic.column.start", "when",
                "callbridge.csv.clinic.datetime-format", "dd.MM.yyyy HH:mm",
                "callbridge.csv.clinic.timezone", "Europe/Berlin"), CHICAGO);
        CollectedRows rows = new CollectedRows();

        new CsvAppointmentReader(feed).read(new StringReader("id,patient,when\nK-1," + UUID + ",02.12.2026 10:30\nK-2," + UUID + ",2026-12-02\n"), "k.csv", rows);

        assertThat(rows.event("K-1").start()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, ZoneId.of("Europe/Berlin")));
        assertThat(rows.event("K-1").source()).isEqualTo("csv:clinic");
        assertThat(rows.rejections).extracting(RowRejection::reason).containsExactly("when: expected dd.MM.yyyy HH:mm");
    }

    @Test
    void should_stream_two_hundred_thousand_rows() {
        int total = 200_000;
        CountingHandler counter = new CountingHandler();

        CsvReadSummary summary = reader.read(new GeneratedCsv(HEADER, total), "big.csv", counter);

        assertThat(summary).isEqualTo(new CsvReadSummary(total, total - total / 1000, total / 1000, true));
        assertThat(counter.accepted).isEqualTo(total - total / 1000);
        assertThat(counter.lastLine).isEqualTo(total + 1);
    }

    /** Counts without keeping anything, so memory stays flat whatever the row count. */
    private static final class CountingHandler implements CsvRowHandler {
        long accepted;
        long lastLine;

        @Override
        public void accepted(AppointmentEvent event) {
            accepted++;
            lastLine = Long.parseLong(event.sourceRef().substring(event.sourceRef().indexOf(':') + 1));
        }

        @Override
        public void rejected(RowRejection rejection) {
            lastLine = rejection.lineNumber();
        }
    }

    /** Produces a header and rows on demand; every thousandth row has a bad start. */
    private static final class GeneratedCsv extends Reader {
        private final int rows;
        private int next = 1;
        private String pending;
        private int position;

        GeneratedCsv(String header, int rows) {
            this.rows = rows;
            this.pending = header;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            if (position == pending.length()) {
                if (next > rows) {
                    return -1;
                }
                String start = next % 1000 == 0 ? "soon" : "2026-12-03T09:00";
                pending = "G-" + next + "," + (100000 + next % 5000) + ",," + start + ",,Checkup,Dr. Cole,Clinic,booked\n";
                position = 0;
                next++;
            }
            int count = Math.min(length, pending.length() - position);
            pending.getChars(position, position + count, buffer, offset);
            position += count;
            return count;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void should_leave_duration_unset_for_csv_rows() {
        assertThat(read(HEADER + "C-1,1,,2026-12-03T09:00,,,,,booked\n").event("C-1").duration()).isNull();
    }
}
