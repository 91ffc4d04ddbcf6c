package org.callbridge.csv;

import org.callbridge.appointment.SampleData;


import org.callbridge.appointment.EventKind;


import org.callbridge.config.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Feed layouts from properties, and every configuration mistake as a one-line message naming the key. */
public class CsvFeedConfigTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final String P = "callbridge.csv.acme.";

    public static Properties sampleVendorProperties() throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(SampleData.path("vendor-feed.properties"), StandardCharsets.UTF_8)) {
            props.load(in);
        }
        return props;
    }

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put(P + "column.appointment-id", "Id");
        props.put(P + "column.mrn", "Chart");
        props.put(P + "column.start", "When");
        return props;
    }

    @Test
    void should_describe_the_default_layout() {
        CsvFeedConfig config = CsvFeedConfig.defaults(CHICAGO);

        assertThat(config.feedName()).isEqualTo("default");
        assertThat(config.feed()).isEqualTo("csv:default");
        assertThat(config.delimiter()).isEqualTo(',');
        assertThat(config.columns()).containsEntry(CsvField.APPOINTMENT_ID, "appointment_id")
                .containsEntry(CsvField.PATIENT_ID, "patient_id").containsEntry(CsvField.LANGUAGE, "language")
                .doesNotContainKey(CsvField.START_DATE).hasSize(10);
        assertThat(config.startFormat().split()).isFalse();
        assertThat(config.zone()).isNull();
        assertThat(config.defaultZone()).isEqualTo(CHICAGO);
    }

    @Test
    void should_map_a_vendor_language_column() {
        Map<String, String> props = minimal();
        props.put(P + "column.language", "Preferred Language");

        assertThat(Configuration.feed("acme", props, CHICAGO).column(CsvField.LANGUAGE)).isEqualTo("Preferred Language");
        assertThat(Configuration.feed("acme", minimal(), CHICAGO).column(CsvField.LANGUAGE)).isNull();
    }

    @Test
    void should_read_the_sample_vendor_feed() throws IOException {
        CsvFeedConfig config = Configuration.feed("dentrix", sampleVendorProperties(), ZoneId.of("UTC"));

        assertThat(config.feed()).isEqualTo("csv:dentrix");
        assertThat(config.inbox()).isEqualTo(Path.of("sample-data/csv-vendor"));
        assertThat(config.delimiter()).isEqualTo(';');
        assertThat(config.columns()).containsOnly(
                Map.entry(CsvField.APPOINTMENT_ID, "Appt ID"), Map.entry(CsvField.MRN, "Chart #"),
                Map.entry(CsvField.START_DATE, "Appt Date"), Map.entry(CsvField.START_TIME, "Appt Time"),
                Map.entry(CsvField.APPOINTMENT_TYPE, "Visit Type"), Map.entry(CsvField.PROVIDER, "Provider"),
                Map.entry(CsvField.LOCATION, "Department"), Map.entry(CsvField.STATUS, "Status"));
        assertThat(config.startFormat().expected()).isEqualTo("MM/dd/yyyy h:mm a");
        assertThat(config.statuses().cancelled()).containsExactlyInAnyOrder("cancelled", "canceled", "x");
        assertThat(config.zone()).isEqualTo(CHICAGO);
    }

    @Test
    void should_list_the_feeds_named_in_callbridge_csv_feeds() throws IOException {
        java.util.Properties props = sampleVendorProperties();

        List<CsvFeedConfig> feeds = Configuration.feeds(props, CHICAGO);

        assertThat(feeds).extracting(CsvFeedConfig::feedName).containsExactly("dentrix");
    }

    @Test
    void should_use_the_default_columns_when_a_feed_maps_none() {
        CsvFeedConfig config = Configuration.feed("acme", Map.of(P + "delimiter", "\\t"), CHICAGO);

        assertThat(config.columns()).isEqualTo(CsvFeedConfig.defaults(CHICAGO).columns());
        assertThat(config.delimiter()).isEqualTo('\t');
        assertThat(config.statuses()).isEqualTo(CsvStatuses.defaults());
    }

    @Test
    void should_keep_a_tab_delimiter_read_from_a_properties_file() throws IOException {
        Properties props = new Properties();
        props.load(new StringReader("callbridge.csv.acme.delimiter=\\t\ncallbridge.csv.acme.timezone = UTC \n"));

        CsvFeedConfig config = Configuration.feed("acme", props, CHICAGO);

        assertThat(config.delimiter()).isEqualTo('\t');
        assertThat(config.zone()).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void should_book_any_status_that_is_not_cancelled_when_no_booked_values_are_configured() {
        Map<String, String> props = minimal();
        props.put(P + "cancelled-values", " Cancelled , X ,");

        CsvStatuses statuses = Configuration.feed("acme", props, CHICAGO).statuses();

        assertThat(statuses.kindOf("Checked In")).isEqualTo(EventKind.NEW);
        assertThat(statuses.kindOf("x")).isEqualTo(EventKind.CANCEL);
        assertThat(statuses.kindOf("CANCELLED")).isEqualTo(EventKind.CANCEL);
    }

    @Test
    void should_accept_only_the_configured_booked_values_when_some_are() {
        Map<String, String> props = minimal();
        props.put(P + "booked-values", "Scheduled,Confirmed");
        props.put(P + "cancelled-values", "Cancelled");

        CsvStatuses statuses = Configuration.feed("acme", props, CHICAGO).statuses();

        assertThat(statuses.kindOf("confirmed")).isEqualTo(EventKind.NEW);
        assertThat(statuses.kindOf("Checked In")).isNull();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "column.patient-name | Name        | callbridge.csv.acme.column.patient-name: unknown field 'patient-name'",
            "column.provider     | ' '         | callbridge.csv.acme.column.provider: empty column name",
            "date-fromat         | MM/dd/yyyy  | callbridge.csv.acme.date-fromat: unknown key",
            "datetime-format     | yyyy-MM-dd bogus | callbridge.csv.acme.datetime-format: not a usable pattern for this column",
            "datetime-format     | yyyy-MM-dd  | callbridge.csv.acme.datetime-format: not a usable pattern for this column",
            "timezone            | Mars/Olympus | callbridge.csv.acme.timezone: 'Mars/Olympus' is not a time-zone id",
            "delimiter           | ;;          | callbridge.csv.acme.delimiter: one character expected",
            "delimiter           | '\"'        | callbridge.csv.acme.delimiter: one character expected"})
    void should_reject_a_configuration_mistake_naming_the_key(String key, String value, String message) {
        Map<String, String> props = minimal();
        props.put(P + key, value);

        assertThatThrownBy(() -> Configuration.feed("acme", props, CHICAGO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void should_reject_date_and_time_formats_that_cannot_read_their_columns() {
        Map<String, String> props = minimal();
        props.remove(P + "column.start");
        props.put(P + "column.start-date", "Date");
        props.put(P + "column.start-time", "Time");
        props.put(P + "date-format", "HH:mm");

        assertThatThrownBy(() -> Configuration.feed("acme", props, CHICAGO))
                .hasMessageStartingWith("callbridge.csv.acme.date-format: ");

        props.put(P + "date-format", "MM/dd/yyyy");
        props.put(P + "time-format", "yyyy");
        assertThatThrownBy(() -> Configuration.feed("acme", props, CHICAGO))
                .hasMessageStartingWith("callbridge.csv.acme.time-format: ");
    }

    @Test
    void should_reject_column_maps_without_the_required_fields() {
        Map<String, String> both = minimal();
        both.put(P + "column.start-date", "Date");
        Map<String, String> noPatient = minimal();
        noPatient.remove(P + "column.mrn");
        Map<String, String> noId = minimal();
        noId.remove(P + "column.appointment-id");

        assertThatThrownBy(() -> Configuration.feed("acme", both, CHICAGO))
                .hasMessageStartingWith("callbridge.csv.acme.column.start: give either start or start-date and start-time");
        assertThatThrownBy(() -> Configuration.feed("acme", noPatient, CHICAGO))
                .hasMessageStartingWith("callbridge.csv.acme.column.mrn or callbridge.csv.acme.column.patient-id");
        assertThatThrownBy(() -> Configuration.feed("acme", noId, CHICAGO))
                .hasMessageStartingWith("callbridge.csv.acme.column.appointment-id: required");
    }

    @Test
    void should_reject_a_feed_name_that_cannot_be_part_of_a_key() {
        assertThatThrownBy(() -> Configuration.feed("a.b", Map.of(), CHICAGO))
                .hasMessageStartingWith("callbridge.csv.feeds: ");
    }

    @Test
    void should_ignore_the_keys_of_other_feeds() {
        Map<String, String> props = minimal();
        props.put("callbridge.csv.other.column.bogus", "x");
        props.put("callbridge.csv.feeds", "acme");

        assertThat(Configuration.feed("acme", props, CHICAGO).feedName()).isEqualTo("acme");
    }
}
