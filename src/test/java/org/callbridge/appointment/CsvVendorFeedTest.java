package org.callbridge.appointment;

import org.callbridge.csv.CsvFeedConfigTest;

import org.callbridge.csv.RowRejection;

import org.callbridge.csv.CsvReadSummary;

import org.callbridge.csv.CsvFeedConfig;

import org.callbridge.csv.CsvAppointmentReader;

import org.callbridge.config.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The sample Dentrix export (BOM, CRLF, semicolons, split date and time) read with the sample feed properties. */
class CsvVendorFeedTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private final CollectedRows rows = new CollectedRows();
    private CsvReadSummary summary;

    @BeforeEach
    void readSampleExport() throws IOException {
        CsvFeedConfig config = Configuration.feed("dentrix", CsvFeedConfigTest.sampleVendorProperties(), ZoneId.of("UTC"));
        try (InputStream in = Files.newInputStream(SampleData.path("csv-vendor/dentrix-export.csv"))) {
            summary = new CsvAppointmentReader(config).read(in, StandardCharsets.UTF_8, "dentrix-export.csv", rows);
        }
    }

    @Test
    void should_read_every_good_row_with_cancelled_values_from_the_feed() {
        assertThat(summary).isEqualTo(new CsvReadSummary(6, 5, 1, true));
        assertThat(rows.events).extracting(AppointmentEvent::appointmentId, AppointmentEvent::kind, AppointmentEvent::status)
                .containsExactly(
                        tuple("D-7001", EventKind.NEW, "Scheduled"),
                        tuple("D-7002", EventKind.NEW, "Confirmed"),
                        tuple("D-7003", EventKind.CANCEL, "Cancelled"),
                        tuple("D-7004", EventKind.CANCEL, "X"),
                        tuple("D-7006", EventKind.NEW, "Scheduled"));
    }

    @Test
    void should_combine_date_and_twelve_hour_time_in_the_feed_zone() {
        assertThat(rows.event("D-7001").start()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 9, 0, 0, 0, CHICAGO));
        assertThat(rows.event("D-7002").start()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 14, 30, 0, 0, CHICAGO));
        assertThat(rows.event("D-7006").start()).isEqualTo(ZonedDateTime.of(2027, 1, 14, 15, 45, 0, 0, CHICAGO));
    }

    @Test
    void should_map_the_vendor_columns_and_ignore_the_unmapped_name_column() {
        AppointmentEvent event = rows.event("D-7004");

        assertThat(event.source()).isEqualTo("csv:dentrix");
        assertThat(event.feed()).isEqualTo("csv:dentrix");
        assertThat(event.sourceRef()).isEqualTo("dentrix-export.csv:5");
        assertThat(event.mrn()).isEqualTo("DX-2041");
        assertThat(event.identifiers()).containsExactly(new PatientIdentifier("DX-2041", null, "MR"));
        assertThat(event.location()).isEqualTo("Dental Hygiene; Room 2");
        assertThat(event.appointmentType()).isEqualTo("Follow-up");
        assertThat(event.provider()).isEqualTo("Dr. Priya Nair");
        assertThat(event.toString()).doesNotContain("Walsh");
    }

    @Test
    void should_reject_the_impossible_date_naming_the_date_column_and_its_line() {
        assertThat(rows.rejections).containsExactly(
                new RowRejection("dentrix-export.csv", 6, "Appt Date", "Appt Date: expected MM/dd/yyyy"));
    }
}
