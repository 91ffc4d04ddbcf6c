package org.callbridge.appointment;

import org.callbridge.hl7.SiuMapperConfig;

import org.callbridge.hl7.SiuMapper;

import org.callbridge.hl7.NumberedMessage;

import org.callbridge.hl7.AppointmentIdPreference;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SIU mapper on the files of sample-data/hl7, one quirk each. */
class SiuMapperSamplesTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId DENVER = ZoneId.of("America/Denver");
    private final SiuMapper mapper = new SiuMapper(
            new SiuMapperConfig(AppointmentIdPreference.PLACER, Map.of("DERM", DENVER), CHICAGO));

    private AppointmentEvent map(String file) {
        return mapper.map(SampleData.hl7Message(file), "hl7-file", file + "#1");
    }

    private AppointmentEvent mapBatch(int ordinal) {
        NumberedMessage message = SampleData.hl7Messages("hl7/03-batch-fhs-bhs.hl7").get(ordinal - 1);
        return mapper.map(message.text(), "hl7-file", "03-batch-fhs-bhs.hl7#" + message.ordinal());
    }

    @Test
    void should_map_an_epic_s12_with_crlf_separators_and_the_filler_id_only() {
        AppointmentEvent event = map("hl7/01-epic-new-v251-crlf-utf8.hl7");

        assertThat(event.kind()).isEqualTo(EventKind.NEW);
        assertThat(event.feed()).isEqualTo("hl7");
        assertThat(event.source()).isEqualTo("hl7-file");
        assertThat(event.sourceRef()).isEqualTo("hl7/01-epic-new-v251-crlf-utf8.hl7#1 MSH-10=EPIC-20261125-0001");
        assertThat(event.controlId()).isEqualTo("EPIC-20261125-0001");
        assertThat(event.appointmentId()).isEqualTo("880001");
        assertThat(event.start()).isEqualTo(ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, CHICAGO));
        assertThat(event.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(event.appointmentType()).isEqualTo("Cardiology follow-up");
        assertThat(event.provider()).isEqualTo("Dr. Evelyn Hart");
        assertThat(event.location()).isEqualTo("Lakeside Cardiology");
        assertThat(event.status()).isEqualTo("Scheduled");
        assertThat(event.patientId()).isNull();
    }

    @Test
    void should_read_pid_after_an_epic_zch_segment_and_keep_every_pid_3_repetition() {
        AppointmentEvent event = map("hl7/01-epic-new-v251-crlf-utf8.hl7");

        assertThat(event.identifiers()).containsExactly(
                new PatientIdentifier("E4401772", "EPI", "PI"),
                new PatientIdentifier("100002", "LSG", "MR"));
    }

    @Test
    void should_take_the_phone_from_pid_13_whatever_its_use_code() {
        assertThat(map("hl7/01-epic-new-v251-crlf-utf8.hl7").phone()).isEqualTo("+15555550102");
        assertThat(map("hl7/02-reschedule-v23-lf.hl7").phone()).isEqualTo("(555)555-0101");
    }

    @Test
    void should_take_the_language_from_pid_15_and_none_when_absent() {
        assertThat(map("hl7/01-epic-new-v251-crlf-utf8.hl7").language()).isEqualTo("es");
        assertThat(map("hl7/02-reschedule-v23-lf.hl7").language()).isNull();
    }

    @Test
    void should_skip_an_email_repetition_of_pid_13() {
        assertThat(map("hl7/06-modify-arrived-v24.hl7").phone()).isEqualTo("+15555550109");
    }

    @Test
    void should_take_start_from_sch_11_4_when_version_is_2_3() {
        AppointmentEvent event = map("hl7/02-reschedule-v23-lf.hl7");

        assertThat(event.kind()).isEqualTo(EventKind.RESCHEDULE);
        assertThat(event.appointmentId()).isEqualTo("A2002");
        assertThat(event.start()).isEqualTo(ZonedDateTime.of(2026, 12, 3, 14, 30, 0, 0, CHICAGO));
        assertThat(event.duration()).isEqualTo(Duration.ofMinutes(20));
        assertThat(event.provider()).isEqualTo("Dr. Hannah Cole");
    }

    @Test
    void should_keep_the_instant_of_a_sch_11_4_start_with_an_offset_in_a_2_4_batch_message() {
        AppointmentEvent event = mapBatch(1);

        assertThat(event.kind()).isEqualTo(EventKind.NEW);
        assertThat(event.start().toInstant()).isEqualTo(ZonedDateTime.parse("2026-12-04T15:15:00Z").toInstant());
        assertThat(event.start().getZone()).isEqualTo(CHICAGO);
        assertThat(event.provider()).isEqualTo("Carmen Ruiz");
    }

    @Test
    void should_read_a_local_tq1_7_start_in_the_zone_configured_for_the_location() {
        AppointmentEvent event = mapBatch(2);

        assertThat(event.start()).isEqualTo(ZonedDateTime.of(2026, 12, 7, 11, 0, 0, 0, DENVER));
        assertThat(event.duration()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void should_map_an_s14_as_a_modification_keeping_a_status_outside_table_0278() {
        AppointmentEvent confirmed = mapBatch(3);
        AppointmentEvent arrived = map("hl7/06-modify-arrived-v24.hl7");

        assertThat(confirmed.kind()).isEqualTo(EventKind.MODIFY);
        assertThat(confirmed.status()).isEqualTo("Confirmed");
        assertThat(confirmed.provider()).isEqualTo("Dr. Sara Lindqvist");
        assertThat(arrived.kind()).isEqualTo(EventKind.MODIFY);
        assertThat(arrived.status()).isEqualTo("ARRIVED");
        assertThat(arrived.start()).isEqualTo(ZonedDateTime.of(2026, 12, 9, 8, 45, 0, 0, CHICAGO));
    }

    @Test
    void should_keep_the_mrn_repetition_wherever_it_is_in_pid_3() {
        assertThat(map("hl7/06-modify-arrived-v24.hl7").identifiers()).containsExactly(
                new PatientIdentifier("X99120", "EPI", "PI"),
                new PatientIdentifier("Z1200", "LABNET", "PI"),
                new PatientIdentifier("100009", "LSG", "MR"));
    }

    @Test
    void should_map_a_2_8_message_with_a_calls_api_identifier_and_hours_as_duration_units() {
        AppointmentEvent event = mapBatch(4);

        assertThat(event.identifiers()).first()
                .isEqualTo(new PatientIdentifier("5b0c1a7e-0000-4000-8000-000000000007", "CALLSAPI", "PT"));
        assertThat(event.duration()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void should_map_s26_as_a_no_show() {
        AppointmentEvent event = mapBatch(5);

        assertThat(event.kind()).isEqualTo(EventKind.NO_SHOW);
        assertThat(event.appointmentId()).isEqualTo("A3003");
    }

    @Test
    void should_decode_a_latin1_file_and_keep_the_instant_of_a_fractional_start_with_offset() {
        AppointmentEvent event = map("hl7/04-latin1-new-v25.hl7");

        assertThat(event.provider()).isEqualTo("Dr. Étienne Moreau");
        assertThat(event.start().toInstant()).isEqualTo(ZonedDateTime.parse("2026-12-08T15:30:00Z").toInstant());
        assertThat(event.duration()).isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void should_read_explicit_nulls_as_absent_values_in_a_cancel() {
        AppointmentEvent event = map("hl7/05-cancel-v26-nulls.hl7");

        assertThat(event.kind()).isEqualTo(EventKind.CANCEL);
        assertThat(event.appointmentId()).isEqualTo("A2002");
        assertThat(event.start()).isNull();
        assertThat(event.duration()).isNull();
        assertThat(event.appointmentType()).isNull();
        assertThat(event.provider()).isNull();
        assertThat(event.location()).isNull();
        assertThat(event.phone()).isNull();
        assertThat(event.status()).isEqualTo("Cancelled");
    }

    @Test
    void should_treat_an_s14_whose_status_is_canceled_as_a_cancel() {
        AppointmentEvent event = map("hl7/07-modify-canceled-v27.hl7");

        assertThat(event.kind()).isEqualTo(EventKind.CANCEL);
        assertThat(event.status()).isEqualTo("Canceled");
    }

    @Test
    void should_map_s17_as_a_delete() {
        assertThat(map("hl7/08-delete-v28.hl7").kind()).isEqualTo(EventKind.DELETE);
    }

    @Test
    void should_map_a_patient_the_crosswalk_does_not_know_leaving_the_decision_to_the_resolver() {
        AppointmentEvent event = map("hl7/09-unknown-patient-v25.hl7");

        assertThat(event.identifiers()).containsExactly(new PatientIdentifier("100008", "LSG", "MR"));
        assertThat(event.duration()).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void should_reject_an_adt_message_naming_msh_9() {
        assertThatThrownBy(() -> map("hl7/10-bad-not-scheduling-adt-a01.hl7"))
                .isInstanceOf(RejectedInputException.class)
                .hasMessage("MSH-9: not a scheduling message: ADT^A01")
                .satisfies(e -> assertThat(((RejectedInputException) e).field()).isEqualTo("MSH-9"));
    }

    @Test
    void should_map_the_same_messages_alike_from_many_threads() throws Exception {
        List<String> texts = SampleData.hl7Messages("hl7/03-batch-fhs-bhs.hl7").stream().map(NumberedMessage::text).toList();
        List<String> expected = texts.stream().map(t -> mapper.map(t, "mllp", null).dedupKey()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                runs.add(pool.submit(() -> texts.stream().map(t -> mapper.map(t, "mllp", null).dedupKey()).toList()));
            }
            for (Future<List<String>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_map_every_mllp_demo_message() {
        List<AppointmentEvent> events = List.of(
                map("hl7-mllp/01-new-s12.hl7"), map("hl7-mllp/02-reschedule-s13.hl7"), map("hl7-mllp/03-new-s12-epic-v23.hl7"));

        assertThat(events).extracting(AppointmentEvent::kind)
                .containsExactly(EventKind.NEW, EventKind.RESCHEDULE, EventKind.NEW);
        assertThat(events).extracting(AppointmentEvent::appointmentId).containsExactly("A9101", "A9101", "880120");
        assertThat(events.get(1).start()).isEqualTo(ZonedDateTime.of(2027, 1, 7, 14, 0, 0, 0, CHICAGO));
    }
}
