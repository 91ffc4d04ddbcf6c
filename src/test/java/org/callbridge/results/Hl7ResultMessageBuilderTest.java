package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.v25.datatype.CX;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.message.SIU_S12;
import ca.uhn.hl7v2.model.v25.segment.MSH;
import ca.uhn.hl7v2.model.v25.segment.OBR;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.PID;
import ca.uhn.hl7v2.model.v25.segment.SCH;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.callbridge.outcome.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class Hl7ResultMessageBuilderTest {
    static final HapiContext HAPI = new DefaultHapiContext();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T10:40:00Z"), ZoneOffset.UTC);
    static final String REPORT = """
            {"appointment_confirmed": true, "score": 4.5, "attempts": 3, "big": 1e10, "note": null,
             "callback": {"window": "9|12 ^ok~ & \\\\ done\\nnext line"}, "topics": ["billing", "parking"]}""";

    @AfterAll
    static void close() throws Exception {
        HAPI.close();
    }

    static String build(Hl7ResultKind kind, CallReport report, Clock clock) {
        var settings = new Hl7ResultSettings(kind, null, "CB_FAC", "EPIC", "HOSP");
        return new Hl7ResultMessageBuilder(settings, HAPI, clock).build(report);
    }

    @Test
    void should_build_an_oru_r01_that_parses_back_with_the_appointment_patient_and_outcome() throws Exception {
        String text = build(Hl7ResultKind.ORU_R01, Calls.report(REPORT), CLOCK);

        assertThat(text).doesNotContain("\n").startsWith("MSH|^~\\&|CALLBRIDGE|CB_FAC|EPIC|HOSP|20240115104000+0000||ORU^R01^ORU_R01|");
        ORU_R01 oru = (ORU_R01) HAPI.getPipeParser().parse(text);
        header(oru.getMSH(), "ORU", "R01", Hl7ResultKind.ORU_R01);
        patient(oru.getPATIENT_RESULT().getPATIENT().getPID());
        ORU_R01_ORDER_OBSERVATION order = oru.getPATIENT_RESULT().getORDER_OBSERVATION();
        OBR obr = order.getOBR();
        assertThat(obr.getPlacerOrderNumber().encode()).isEqualTo("A-100^hl7");
        assertThat(obr.getFillerOrderNumber().encode()).isEqualTo(Calls.CALL_ID + "^CALLBRIDGE");
        assertThat(order.getORC().getPlacerOrderNumber().encode()).isEqualTo("A-100^hl7");
        assertThat(obr.getUniversalServiceIdentifier().encode()).isEqualTo("CALL^Reminder call^CALLBRIDGE");
        assertThat(obr.getObservationDateTime().getTime().getValue()).isEqualTo("20240115103015+0000");
        assertThat(obr.getResultStatus().getValue()).isEqualTo("F");

        Map<String, String> observations = new LinkedHashMap<>();
        for (int i = 0; i < order.getOBSERVATIONReps(); i++) {
            OBX obx = order.getOBSERVATION(i).getOBX();
            assertThat(obx.getSetIDOBX().getValue()).isEqualTo(Integer.toString(i + 1));
            assertThat(obx.getObservationResultStatus().getValue()).isEqualTo("F");
            observations.put(obx.getObservationIdentifier().getIdentifier().getValue(),
                    obx.getValueType().getValue() + " " + obx.getObservationValue(0).getData().toString());
        }
        assertThat(observations).containsExactly(
                Map.entry("CALL_STATUS", "ST completed"),
                Map.entry("CALL_OUTCOME", "ST reached"),
                Map.entry("CALL_DURATION", "NM 330"),
                Map.entry("final_report.appointment_confirmed", "ST true"),
                Map.entry("final_report.score", "NM 4.5"),
                Map.entry("final_report.attempts", "NM 3"),
                Map.entry("final_report.big", "NM 10000000000"),
                Map.entry("final_report.callback.window", "FT 9|12 ^ok~ & \\ done\\.br\\next line"),
                Map.entry("final_report.topics", "ST [\"billing\",\"parking\"]"));
        assertThat(order.getOBSERVATION(2).getOBX().getUnits().getIdentifier().getValue()).isEqualTo("s");
    }

    @Test
    void should_carry_the_outcome_class_in_an_oru_obx_call_outcome() throws Exception {
        String text = build(Hl7ResultKind.ORU_R01, Calls.classified(REPORT), CLOCK);

        ORU_R01_ORDER_OBSERVATION order = ((ORU_R01) HAPI.getPipeParser().parse(text)).getPATIENT_RESULT().getORDER_OBSERVATION();
        OBX outcome = order.getOBSERVATION(1).getOBX();
        assertThat(outcome.getObservationIdentifier().encode()).isEqualTo("CALL_OUTCOME^Call outcome^CALLBRIDGE");
        assertThat(outcome.getSetIDOBX().getValue()).isEqualTo("2");
        assertThat(outcome.getValueType().getValue()).isEqualTo("ST");
        assertThat(outcome.getObservationValue(0).getData().encode()).isEqualTo("confirmed");
        assertThat(outcome.getObservationResultStatus().getValue()).isEqualTo("F");

        String failed = build(Hl7ResultKind.ORU_R01, CallReport.of(failed(), Calls.appointment(), Calls.RULES), CLOCK);
        OBX unreached = ((ORU_R01) HAPI.getPipeParser().parse(failed)).getPATIENT_RESULT().getORDER_OBSERVATION()
                .getOBSERVATION(1).getOBX();
        assertThat(unreached.getObservationIdentifier().getIdentifier().getValue()).isEqualTo("CALL_OUTCOME");
        assertThat(unreached.getObservationValue(0).getData().encode()).isEqualTo("unreached");
    }

    @Test
    void should_set_sch_25_to_the_code_configured_for_the_outcome_class() throws Exception {
        var settings = new Hl7ResultSettings(Hl7ResultKind.SIU_S14, null, "CB_FAC", "EPIC", "HOSP")
                .withScheduleStatus(Map.of(Outcome.CONFIRMED, "Confirmed", Outcome.UNREACHED, "Unreached"));
        var builder = new Hl7ResultMessageBuilder(settings, HAPI, CLOCK);

        SIU_S12 confirmed = (SIU_S12) HAPI.getPipeParser().parse(builder.build(Calls.classified(REPORT)));
        assertThat(confirmed.getSCH().getFillerStatusCode().getIdentifier().getValue()).isEqualTo("Confirmed");
        assertThat(confirmed.getSCH().getFillerStatusCode().getText().getValue()).isEqualTo("Reminder call confirmed");
        assertThat(confirmed.getSCH().getFillerStatusCode().getNameOfCodingSystem().getValue()).isNull();
        assertThat(confirmed.getNTE(0).getComment(0).getValue()).endsWith(", 330 s, outcome confirmed");

        // reached has no code configured: SCH-25 stays the call status
        SIU_S12 reached = (SIU_S12) HAPI.getPipeParser().parse(builder.build(
                Calls.classified("{\"appointment_confirmed\": false}")));
        assertThat(reached.getSCH().getFillerStatusCode().encode()).isEqualTo("completed^Reminder call completed^CALLBRIDGE");
        assertThat(reached.getNTE(0).getComment(0).getValue()).endsWith(", outcome reached");
    }

    @Test
    void should_keep_sch_25_the_call_status_when_no_code_is_configured() throws Exception {
        String text = build(Hl7ResultKind.SIU_S14, Calls.classified(REPORT), CLOCK);

        SIU_S12 siu = (SIU_S12) HAPI.getPipeParser().parse(text);
        assertThat(siu.getSCH().getFillerStatusCode().encode()).isEqualTo("completed^Reminder call completed^CALLBRIDGE");
    }

    static com.fasterxml.jackson.databind.node.ObjectNode failed() {
        var call = Calls.completed("null");
        call.put("status", "failed");
        call.putNull("started_at");
        call.putNull("duration");
        return call;
    }

    @Test
    void should_give_a_re_sent_result_the_same_control_id_and_another_call_another() {
        String first = build(Hl7ResultKind.ORU_R01, Calls.report(REPORT), CLOCK);
        String again = build(Hl7ResultKind.ORU_R01, Calls.report(REPORT), Clock.offset(CLOCK, java.time.Duration.ofHours(5)));
        String other = build(Hl7ResultKind.ORU_R01, Calls.report(Calls.completed("b7", "{}")), CLOCK);

        assertThat(msh10(again)).isEqualTo(msh10(first)).hasSize(20)
                .isEqualTo(Hl7ResultMessageBuilder.controlId(Hl7ResultKind.ORU_R01, Calls.CALL_ID));
        assertThat(msh10(other)).isNotEqualTo(msh10(first));
        assertThat(Hl7ResultMessageBuilder.controlId(Hl7ResultKind.SIU_S14, Calls.CALL_ID)).isNotEqualTo(msh10(first));
    }

    @Test
    void should_build_an_siu_s14_with_the_appointment_id_call_status_and_outcome_notes() throws Exception {
        String text = build(Hl7ResultKind.SIU_S14, Calls.report(REPORT), CLOCK);

        assertThat(text).doesNotContain("\n").startsWith("MSH|^~\\&|CALLBRIDGE|CB_FAC|EPIC|HOSP|20240115104000+0000||SIU^S14^SIU_S12|");
        SIU_S12 siu = (SIU_S12) HAPI.getPipeParser().parse(text);
        header(siu.getMSH(), "SIU", "S14", Hl7ResultKind.SIU_S14);
        patient(siu.getPATIENT().getPID());
        SCH sch = siu.getSCH();
        assertThat(sch.getPlacerAppointmentID().getEntityIdentifier().getValue()).isEqualTo("A-100");
        assertThat(sch.getFillerAppointmentID().getEntityIdentifier().getValue()).isEqualTo("A-100");
        assertThat(sch.getFillerStatusCode().getIdentifier().getValue()).isEqualTo("completed");
        assertThat(sch.getAppointmentTimingQuantity(0).getStartDateTime().getTime().getValue()).isEqualTo("20240116103000-0500");
        assertThat(siu.getNTEAll()).extracting(nte -> nte.getComment(0).getValue()).containsExactly(
                "Reminder call " + Calls.CALL_ID + " completed, 330 s, outcome reached",
                "final_report.appointment_confirmed: true", "final_report.score: 4.5", "final_report.attempts: 3",
                "final_report.big: 10000000000", "final_report.callback.window: 9|12 ^ok~ & \\ done\\.br\\next line",
                "final_report.topics: [\"billing\",\"parking\"]");
    }

    @Test
    void should_send_an_unlinked_call_with_the_calls_api_patient_and_no_placer_order() throws Exception {
        String text = build(Hl7ResultKind.ORU_R01, CallReport.of(Calls.completed("null"), null), CLOCK);

        ORU_R01 oru = (ORU_R01) HAPI.getPipeParser().parse(text);
        PID pid = oru.getPATIENT_RESULT().getPATIENT().getPID();
        assertThat(identifiers(pid)).containsExactly(Calls.PATIENT_ID + "^^^CALLSAPI^PI");
        assertThat(oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBR().getPlacerOrderNumber().isEmpty()).isTrue();
        assertThat(oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATIONReps()).isEqualTo(3);
    }

    @Test
    void should_keep_patient_names_phone_and_birth_date_out_of_the_message() {
        String text = build(Hl7ResultKind.ORU_R01, Calls.report(REPORT), CLOCK);

        assertThat(text).doesNotContain("John", "Doe", "15555551234", "19900101", "1990-01-01", "email");
    }

    static void header(MSH msh, String code, String trigger, Hl7ResultKind kind) throws Exception {
        assertThat(msh.getMessageType().getMessageCode().getValue()).isEqualTo(code);
        assertThat(msh.getMessageType().getTriggerEvent().getValue()).isEqualTo(trigger);
        assertThat(msh.getSendingApplication().getNamespaceID().getValue()).isEqualTo("CALLBRIDGE");
        assertThat(msh.getReceivingApplication().getNamespaceID().getValue()).isEqualTo("EPIC");
        assertThat(msh.getMessageControlID().getValue()).isEqualTo(Hl7ResultMessageBuilder.controlId(kind, Calls.CALL_ID));
        assertThat(msh.getProcessingID().getProcessingID().getValue()).isEqualTo("P");
        assertThat(msh.getVersionID().getVersionID().getValue()).isEqualTo("2.5");
    }

    static void patient(PID pid) throws Exception {
        assertThat(identifiers(pid)).containsExactly("MRN1^^^HOSP^MR", Calls.PATIENT_ID + "^^^CALLSAPI^PI");
    }

    static List<String> identifiers(PID pid) throws Exception {
        List<String> encoded = new ArrayList<>();
        for (CX cx : pid.getPatientIdentifierList()) {
            encoded.add(cx.encode());
        }
        return encoded;
    }

    static String msh10(String message) {
        return message.split("\r")[0].split("\\|")[9];
    }
}
