package org.callbridge.hl7;

import org.callbridge.appointment.SampleData;

import org.callbridge.appointment.SiuText;

import org.callbridge.appointment.AppointmentEvent;

import org.callbridge.appointment.RejectedInputException;

import org.callbridge.appointment.PatientIdentifier;


import org.callbridge.appointment.EventKind;




import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The SIU mapper on built messages: versions, event kinds, every rejection, ids, names, dedup keys. */
class SiuMapperTest {
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZonedDateTime START = ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, CHICAGO);
    private final SiuMapper mapper = new SiuMapper(SiuMapperConfig.defaults(CHICAGO));

    private AppointmentEvent map(SiuText message) {
        return mapper.map(message.text(), "mllp", "peer 10.0.0.1");
    }

    private RejectedInputException rejection(SiuText message) {
        return catchThrowableOfType(RejectedInputException.class, () -> map(message));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.3", "2.4"})
    void should_take_start_from_sch_11_4_when_version_is_before_2_5(String version) {
        SiuText message = SiuText.s12().version(version).without("TQ1").sch("P100", "", "20261202103000", "Booked");

        assertThat(map(message).start()).isEqualTo(START);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2.5", "2.5.1", "2.6", "2.7", "2.8"})
    void should_take_start_from_tq1_7_when_version_is_2_5_or_later(String version) {
        AppointmentEvent event = map(SiuText.s12().version(version));

        assertThat(event.start()).isEqualTo(START);
        assertThat(event.appointmentId()).isEqualTo("P100");
        assertThat(event.appointmentType()).isEqualTo("Follow-up visit");
        assertThat(event.identifiers()).containsExactly(new PatientIdentifier("100001", "LSG", "MR"));
    }

    @Test
    void should_prefer_tq1_7_over_sch_11_4_when_both_are_sent() {
        SiuText message = SiuText.s12().sch("P100", "", "20261224090000", "Booked");

        assertThat(map(message).start()).isEqualTo(START);
    }

    @Test
    void should_map_each_scheduling_trigger_to_its_event_kind() {
        Map<String, EventKind> expected = Map.of("S12", EventKind.NEW, "S13", EventKind.RESCHEDULE, "S14", EventKind.MODIFY,
                "S15", EventKind.CANCEL, "S17", EventKind.DELETE, "S26", EventKind.NO_SHOW);

        expected.forEach((trigger, kind) -> assertThat(map(SiuText.s12().trigger(trigger)).kind()).as(trigger).isEqualTo(kind));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cancelled", "CANCELED", "Deleted"})
    void should_treat_an_s14_with_a_cancelled_status_as_a_cancel(String status) {
        SiuText message = SiuText.s12().trigger("S14").sch("P100", "", "", status);

        assertThat(map(message).kind()).isEqualTo(EventKind.CANCEL);
    }

    @Test
    void should_leave_an_s12_with_a_cancelled_status_a_new_appointment() {
        assertThat(map(SiuText.s12().sch("P100", "", "", "Cancelled")).kind()).isEqualTo(EventKind.NEW);
    }

    @Test
    void should_reject_another_message_type_naming_msh_9() {
        RejectedInputException e = rejection(SiuText.s12().type("ADT^A01"));

        assertThat(e.field()).isEqualTo("MSH-9");
        assertThat(e).hasMessage("MSH-9: not a scheduling message: ADT^A01");
    }

    @Test
    void should_reject_an_unsupported_scheduling_trigger_naming_msh_9() {
        RejectedInputException e = rejection(SiuText.s12().trigger("S16"));

        assertThat(e.field()).isEqualTo("MSH-9");
        assertThat(e).hasMessageContaining("SIU^S16");
    }

    @Test
    void should_reject_a_message_without_appointment_id_naming_sch_1_and_sch_2() {
        RejectedInputException e = rejection(SiuText.s12().sch("", "\"\"", "", "Booked"));

        assertThat(e.field()).isEqualTo("SCH-1/SCH-2");
    }

    @Test
    void should_reject_a_message_without_sch_naming_sch_1_and_sch_2() {
        assertThat(rejection(SiuText.s12().without("SCH")).field()).isEqualTo("SCH-1/SCH-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"S12", "S13", "S14"})
    void should_reject_a_booking_without_start(String trigger) {
        RejectedInputException e = rejection(SiuText.s12().trigger(trigger).without("TQ1"));

        assertThat(e.field()).isEqualTo("TQ1-7/SCH-11.4");
        assertThat(e).hasMessage("TQ1-7/SCH-11.4: missing appointment start");
    }

    @ParameterizedTest
    @ValueSource(strings = {"S15", "S17", "S26"})
    void should_accept_a_withdrawal_without_start(String trigger) {
        assertThat(map(SiuText.s12().trigger(trigger).without("TQ1")).start()).isNull();
    }

    @Test
    void should_accept_a_cancel_whose_start_is_garbled_without_start() {
        assertThat(map(SiuText.s12().trigger("S15").segment("TQ1|1||||||tomorrow")).start()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-02 10:30", "20261202", "2026120210", "20261302103000", "20261202253000", "20261202103000+2500"})
    void should_reject_an_unusable_tq1_7_naming_it(String value) {
        RejectedInputException e = rejection(SiuText.s12().segment("TQ1|1||||||" + value));

        assertThat(e.field()).isEqualTo("TQ1-7");
        assertThat(e.getMessage()).doesNotContain(value);
    }

    @Test
    void should_reject_an_unusable_sch_11_4_naming_it() {
        RejectedInputException e = rejection(SiuText.s12().version("2.3").without("TQ1").sch("P1", "", "12/02/2026", "Booked"));

        assertThat(e.field()).isEqualTo("SCH-11.4");
    }

    @Test
    void should_reject_input_without_any_segment_naming_msh() {
        assertThat(catchThrowableOfType(RejectedInputException.class, () -> mapper.map(" \r\n ", "mllp", null)).field())
                .isEqualTo("MSH");
        assertThat(catchThrowableOfType(RejectedInputException.class, () -> mapper.map(null, "mllp", null)).field())
                .isEqualTo("MSH");
    }

    @Test
    void should_reject_a_text_that_does_not_start_with_msh() {
        assertThat(catchThrowableOfType(RejectedInputException.class, () -> mapper.map("PID|1||X\rSCH|1\r", "mllp", null)).field())
                .isEqualTo("MSH");
    }

    @Test
    void should_map_a_message_cut_out_of_a_file_as_it_maps_the_same_text_given_alone() throws Exception {
        List<String> files;
        try (var listed = Files.list(SampleData.path("hl7"))) {
            files = listed.map(p -> "hl7/" + p.getFileName()).filter(f -> f.endsWith(".hl7")).sorted().toList();
        }
        int mapped = 0;
        for (String file : files) {
            for (NumberedMessage message : SampleData.hl7Messages(file)) {
                Object alone = outcome(() -> mapper.map(message.text(), "hl7-file", file));
                Object cutOut = outcome(() -> mapper.mapSplitMessage(message, "hl7-file", file));
                assertThat(cutOut).as(file + "#" + message.ordinal()).isEqualTo(alone);
                mapped += alone instanceof AppointmentEvent ? 1 : 0;
            }
        }
        assertThat(mapped).isGreaterThan(10);
    }

    @Test
    void should_map_a_message_behind_byte_order_marks_and_blank_lines_through_both_entry_points() {
        String message = SiuText.s12().text();
        for (String prefix : new String[] {"\uFEFF", "\uFEFF\uFEFF", "\r\n\uFEFF", "  \n\uFEFF"}) {
            List<NumberedMessage> split = Hl7Messages.split(prefix + message);

            assertThat(split).as(prefix).hasSize(1);
            assertThat(mapper.mapSplitMessage(split.get(0), "hl7-file", "f.hl7")).as(prefix)
                    .isEqualTo(mapper.map(prefix + message, "hl7-file", "f.hl7"))
                    .isEqualTo(mapper.map(message, "hl7-file", "f.hl7"));
        }
    }

    /** The event, or the rejection's field and reason. */
    private static Object outcome(Supplier<AppointmentEvent> mapping) {
        try {
            return mapping.get();
        } catch (RejectedInputException e) {
            return e.field() + ": " + e.getMessage();
        }
    }

    @Test
    void should_reject_segments_cut_out_of_a_file_before_its_first_msh() {
        List<NumberedMessage> messages = Hl7Messages.split("PID|1||X\r" + SiuText.s12().text());

        assertThat(messages).hasSize(2);
        assertThat(catchThrowableOfType(RejectedInputException.class,
                () -> mapper.mapSplitMessage(messages.get(0), "hl7-file", "f.hl7")).field()).isEqualTo("MSH");
        assertThat(mapper.mapSplitMessage(messages.get(1), "hl7-file", "f.hl7").kind()).isEqualTo(EventKind.NEW);
    }

    @Test
    void should_reject_two_messages_given_as_one() {
        String two = SiuText.s12().text() + SiuText.s12().controlId("CTRL0002").text();

        assertThat(catchThrowableOfType(RejectedInputException.class, () -> mapper.map(two, "mllp", null)))
                .hasMessageContaining("more than one message");
    }

    @Test
    void should_reject_a_version_hapi_does_not_know_as_unparseable() {
        assertThat(rejection(SiuText.s12().version("3.0"))).hasMessageContaining("unparseable HL7");
    }

    @Test
    void should_reject_a_header_without_encoding_characters_as_unparseable() {
        assertThatThrownBy(() -> mapper.map("MSH|\rSCH|1\r", "mllp", null)).isInstanceOf(RejectedInputException.class);
    }

    @Test
    void should_never_put_patient_details_in_a_rejection_reason() {
        List<SiuText> broken = List.of(
                SiuText.s12().type("Quixote^A01"),
                SiuText.s12().type("ADT^A01"),
                SiuText.s12().segment("TQ1|1||||||Zebulon 19800101"),
                SiuText.s12().without("TQ1").sch("", "", "", "Booked"),
                SiuText.s12().version("Quixote"));

        for (SiuText message : broken) {
            assertThat(rejection(message).getMessage()).doesNotContain("Quixote", "Zebulon", "19800101", "5550199", "Main St");
        }
    }

    @Test
    void should_take_the_placer_id_first_by_default_and_the_filler_id_when_configured() {
        SiuMapper fillerFirst = new SiuMapper(new SiuMapperConfig(AppointmentIdPreference.FILLER, Map.of(), CHICAGO));

        assertThat(map(SiuText.s12()).appointmentId()).isEqualTo("P100");
        assertThat(fillerFirst.map(SiuText.s12().text(), "mllp", null).appointmentId()).isEqualTo("F200");
    }

    @Test
    void should_fall_back_to_the_other_appointment_id_when_the_preferred_one_is_absent() {
        SiuMapper fillerFirst = new SiuMapper(new SiuMapperConfig(AppointmentIdPreference.FILLER, Map.of(), CHICAGO));
        SiuText placerOnly = SiuText.s12().sch("P100^PLACER", "", "", "Booked");
        SiuText fillerOnly = SiuText.s12().sch("", "F200^FILLER", "", "Booked");

        assertThat(fillerFirst.map(placerOnly.text(), "mllp", null).appointmentId()).isEqualTo("P100");
        assertThat(map(fillerOnly).appointmentId()).isEqualTo("F200");
    }

    @Test
    void should_append_the_control_id_to_the_source_reference() {
        assertThat(map(SiuText.s12().controlId("77")).sourceRef()).isEqualTo("peer 10.0.0.1 MSH-10=77");
        assertThat(mapper.map(SiuText.s12().controlId("77").text(), "mllp", null).sourceRef()).isEqualTo("MSH-10=77");
    }

    @Test
    void should_give_a_resent_message_with_a_new_control_id_the_same_dedup_key() {
        AppointmentEvent first = map(SiuText.s12().controlId("1001"));
        AppointmentEvent resent = mapper.map(SiuText.s12().controlId("2002").text(), "hl7-file", "again.hl7#1");

        assertThat(resent.dedupKey()).isEqualTo(first.dedupKey());
    }

    @Test
    void should_give_a_changed_time_a_different_dedup_key() {
        AppointmentEvent first = map(SiuText.s12());
        AppointmentEvent moved = map(SiuText.s12().segment("TQ1|1||||||20261202110000"));

        assertThat(moved.dedupKey()).isNotEqualTo(first.dedupKey());
    }

    @Test
    void should_format_the_provider_without_prefix_and_fall_back_to_the_provider_id() {
        assertThat(map(SiuText.s12().segment("AIP|1||D1^Smith^Jane")).provider()).isEqualTo("Jane Smith");
        assertThat(map(SiuText.s12().segment("AIP|1||D1^Smith")).provider()).isEqualTo("Smith");
        assertThat(map(SiuText.s12().segment("AIP|1||D1")).provider()).isEqualTo("D1");
        assertThat(map(SiuText.s12().without("AIP")).provider()).isNull();
    }

    @Test
    void should_take_the_location_description_then_point_of_care_then_facility() {
        assertThat(map(SiuText.s12()).location()).isEqualTo("Lakeside Cardiology");
        assertThat(map(SiuText.s12().segment("AIL|1||CARD^^^LSG")).location()).isEqualTo("CARD");
        assertThat(map(SiuText.s12().segment("AIL|1||^^^LSG")).location()).isEqualTo("LSG");
    }

    @Test
    void should_find_the_location_zone_by_point_of_care_facility_or_description() {
        ZoneId denver = ZoneId.of("America/Denver");
        for (String key : List.of("CARD", "LSG", "Lakeside Cardiology")) {
            SiuMapper zoned = new SiuMapper(new SiuMapperConfig(AppointmentIdPreference.PLACER, Map.of(key, denver), CHICAGO));

            assertThat(zoned.map(SiuText.s12().text(), "mllp", null).start())
                    .isEqualTo(ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, denver));
        }
    }

    @Test
    void should_find_the_location_zone_whatever_the_case_of_the_location_as_planning_does() {
        ZoneId denver = ZoneId.of("America/Denver");
        SiuMapper zoned = new SiuMapper(new SiuMapperConfig(AppointmentIdPreference.PLACER,
                Map.of("Main Campus", denver), CHICAGO));

        AppointmentEvent event = zoned.map(SiuText.s12().segment("AIL|1||MAIN^^^LSG^^^^^MAIN CAMPUS").text(), "mllp", null);

        assertThat(event.start()).as("start of an appointment at location %s", event.location())
                .isEqualTo(ZonedDateTime.of(2026, 12, 2, 10, 30, 0, 0, denver));
    }

    @Test
    void should_take_the_type_from_sch_7_then_sch_8() {
        String noReason = "SCH|P100||||||\"\"|NORMAL^Normal|20|MIN";
        String codeOnly = "SCH|P100||||||FU|NORMAL^Normal|20|MIN";

        assertThat(map(SiuText.s12().segment(noReason)).appointmentType()).isEqualTo("Normal");
        assertThat(map(SiuText.s12().segment(codeOnly)).appointmentType()).isEqualTo("FU");
    }

    @Test
    void should_read_the_language_from_pid_15_identifier_else_its_text_in_lower_case() {
        SiuText coded = SiuText.s12().segment("PID|1||100001^^^LSG^MR||Doe^Jo||||||||5555550123||ES^Spanish^ISO639");
        SiuText textOnly = SiuText.s12().segment("PID|1||100001^^^LSG^MR||Doe^Jo||||||||5555550123|| ^ Vietnamese ");
        SiuText none = SiuText.s12().segment("PID|1||100001^^^LSG^MR||Doe^Jo||||||||5555550123||\"\"");

        assertThat(map(coded).language()).isEqualTo("es");
        assertThat(map(textOnly).language()).isEqualTo("vietnamese");
        assertThat(map(none).language()).isNull();
        assertThat(map(SiuText.s12()).language()).isNull();
        assertThat(map(coded).dedupKey()).isEqualTo(map(none).dedupKey());
    }

    @Test
    void should_read_the_phone_from_xtn_12_or_pid_14_when_pid_13_has_no_number() {
        SiuText unformatted = SiuText.s12().segment("PID|1||100001^^^LSG^MR||Doe^Jo||||||||^CELL^CP^^^^^^^^^+15555550123");
        SiuText business = SiuText.s12().segment("PID|1||100001^^^LSG^MR||Doe^Jo||||||||\"\"|^WPN^PH^^1^555^5550124");

        assertThat(map(unformatted).phone()).isEqualTo("+15555550123");
        assertThat(map(business).phone()).isEqualTo("+15555550124");
    }

    @Test
    void should_read_the_duration_from_tq1_when_sch_9_is_absent() {
        String schWithoutDuration = "SCH|P100||||||FU^Follow-up visit";

        assertThat(map(SiuText.s12().segment(schWithoutDuration).segment("TQ1|1||||||20261202103000|20261202111500")).duration())
                .isEqualTo(Duration.ofMinutes(45));
        assertThat(map(SiuText.s12().segment(schWithoutDuration).segment("TQ1|1|||||90^s&sec|20261202103000")).duration())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(map(SiuText.s12().segment(schWithoutDuration)).duration()).isNull();
    }

    @Test
    void should_ignore_z_segments_wherever_they_are() {
        SiuText message = SiuText.s12().segment("ZCH|1|VIDEO|Y").segment("ZPV|anything|at^all");

        assertThat(map(message).identifiers()).hasSize(1);
    }

    @Test
    void should_read_segments_sent_out_of_the_standard_order() {
        String pidFirst = SiuText.s12().text().replaceFirst("(SCH\\|[^\r]*\r)(TQ1\\|[^\r]*\r)(PID\\|[^\r]*\r)", "$3$1$2");

        AppointmentEvent event = mapper.map(pidFirst, "mllp", null);

        assertThat(pidFirst).contains("\rPID|1||100001^^^LSG^MR||Quixote^Zebulon||19800101|M|||1 Main St^^Springfield||^PRN^PH^^1^555^5550199\rSCH|");
        assertThat(event.appointmentId()).isEqualTo("P100");
        assertThat(event.identifiers()).extracting(PatientIdentifier::id).containsExactly("100001");
        assertThat(event.start()).isNotNull();
    }

    @Test
    void should_read_the_location_and_provider_of_a_message_without_rgs() {
        AppointmentEvent event = map(SiuText.s12().without("RGS"));

        assertThat(event.location()).isEqualTo("Lakeside Cardiology");
        assertThat(event.provider()).isEqualTo("Dr. Evelyn Hart");
    }
}
