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
                Map.entry("CALL_DURATION", "NM 330"),
                Map.entry("final_report.appointment_confirmed", "ST true"),
                Map.entry("final_report.score", "NM 4.5"),
                Map.entry("final_report.attempts", "NM 3"),
                Map.entry("final_report.big", "NM 10000000000"),
                Map.entry("final_report.callback.window", "FT 9|12 ^ok~ & \\ done\\.br\\next line"),
                Map.entry("final_report.topics", "ST [\"billing\",\"parking\"]"));
        assertThat(order.getOBSERVATION(1).getOBX().getUnits().getIdentifier().getValue()).isEqualTo("s");
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
                "Reminder call " + Calls.CALL_ID + " completed, 330 s",
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
        assertThat(oru.getPATIENT_RESULT().getORDER_OBSERVATION().getOBSERVATIONReps()).isEqualTo(2);
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
