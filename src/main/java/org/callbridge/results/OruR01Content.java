package org.callbridge.results;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.model.v25.datatype.FT;
import ca.uhn.hl7v2.model.v25.datatype.NM;
import ca.uhn.hl7v2.model.v25.datatype.ST;
import ca.uhn.hl7v2.model.v25.group.ORU_R01_ORDER_OBSERVATION;
import ca.uhn.hl7v2.model.v25.message.ORU_R01;
import ca.uhn.hl7v2.model.v25.segment.OBR;
import ca.uhn.hl7v2.model.v25.segment.OBX;
import ca.uhn.hl7v2.model.v25.segment.ORC;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The body of an ORU^R01 call result. Order numbers: placer (ORC-2, OBR-2) = the source appointment id in the
 * source's namespace, since the appointment is what the EHR placed; filler (ORC-3, OBR-3) = the call id, namespace
 * CALLBRIDGE, since the call is what this side performed. OBR-4 {@code CALL^Reminder call^CALLBRIDGE}, OBR-7 the
 * call start (its end if it never connected), OBR-25 {@code F}. OBX: {@code CALL_STATUS} (ST),
 * {@code CALL_OUTCOME} (ST, the outcome class: {@code confirmed}, ..., {@code unreached}), {@code CALL_DURATION} (NM,
 * seconds) when known, then one per {@link FinalReportFields} field: NM for numbers, ST
 * otherwise (FT with {@code \.br\} when the text has line breaks), OBX-3 identifier and text = the flattened name;
 * a null field has no OBX.
 */
final class OruR01Content {
    private OruR01Content() {
    }

    static void fill(ORU_R01 message, CallReport report, String patientIdAuthority) throws HL7Exception {
        Hl7ResultFields.patient(message.getPATIENT_RESULT().getPATIENT().getPID(), report, patientIdAuthority);
        ORU_R01_ORDER_OBSERVATION order = message.getPATIENT_RESULT().getORDER_OBSERVATION();
        ORC orc = order.getORC();
        orc.getOrderControl().setValue("RE");
        if (report.linked()) {
            Hl7ResultFields.ei(orc.getPlacerOrderNumber(), report.appointmentId(), report.source());
        }
        Hl7ResultFields.ei(orc.getFillerOrderNumber(), report.callId(), Hl7ResultFields.CODING_SYSTEM);
        request(order.getOBR(), report);

        String ended = Hl7ResultFields.ts(report.endedAt());
        int set = 0;
        observe(order.getOBSERVATION(set).getOBX(), ++set, "CALL_STATUS", "Call status", st(message, report.status()), ended);
        observe(order.getOBSERVATION(set).getOBX(), ++set, "CALL_OUTCOME", "Call outcome",
                st(message, report.outcome().wireName()), ended);
        if (report.durationSeconds() != null) {
            OBX duration = order.getOBSERVATION(set).getOBX();
            observe(duration, ++set, "CALL_DURATION", "Call duration", nm(message, report.durationSeconds().toString()), ended);
            Hl7ResultFields.ce(duration.getUnits(), "s", "second", "UCUM");
        }
        for (Map.Entry<String, JsonNode> field : FinalReportFields.flatten(report.finalReport()).entrySet()) {
            JsonNode leaf = field.getValue();
            if (leaf.isNull()) {
                continue;
            }
            String text = FinalReportFields.text(leaf);
            Type value = leaf.isNumber() ? nm(message, text) : text(message, text);
            observe(order.getOBSERVATION(set).getOBX(), ++set, field.getKey(), field.getKey(), value, ended);
        }
    }

    private static void request(OBR obr, CallReport report) throws HL7Exception {
        obr.getSetIDOBR().setValue("1");
        if (report.linked()) {
            Hl7ResultFields.ei(obr.getPlacerOrderNumber(), report.appointmentId(), report.source());
        }
        Hl7ResultFields.ei(obr.getFillerOrderNumber(), report.callId(), Hl7ResultFields.CODING_SYSTEM);
        Hl7ResultFields.ce(obr.getUniversalServiceIdentifier(), "CALL", "Reminder call", Hl7ResultFields.CODING_SYSTEM);
        obr.getObservationDateTime().getTime().setValue(Hl7ResultFields.ts(
                report.startedAt() != null ? report.startedAt() : report.endedAt()));
        obr.getObservationEndDateTime().getTime().setValue(Hl7ResultFields.ts(report.endedAt()));
        obr.getResultsRptStatusChngDateTime().getTime().setValue(Hl7ResultFields.ts(report.endedAt()));
        obr.getResultStatus().setValue("F");
    }

    private static void observe(OBX obx, int setId, String code, String text, Type value, String observed)
            throws HL7Exception {
        obx.getSetIDOBX().setValue(Integer.toString(setId));
        obx.getValueType().setValue(value.getName());
        Hl7ResultFields.ce(obx.getObservationIdentifier(), code, text, Hl7ResultFields.CODING_SYSTEM);
        obx.getObservationValue(0).setData(value);
        obx.getObservationResultStatus().setValue("F");
        obx.getDateTimeOfTheObservation().getTime().setValue(observed);
    }

    private static ST st(ORU_R01 message, String text) throws HL7Exception {
        ST st = new ST(message);
        st.setValue(text);
        return st;
    }

    // a text with line breaks goes as FT, whose \.br\ an EHR shows as a new line
    private static Type text(ORU_R01 message, String text) throws HL7Exception {
        if (!Hl7ResultFields.multiline(text)) {
            return st(message, text);
        }
        FT ft = new FT(message);
        ft.setValue(Hl7ResultFields.formatted(text));
        return ft;
    }

    private static NM nm(ORU_R01 message, String number) throws HL7Exception {
        NM nm = new NM(message);
        nm.setValue(number);
        return nm;
    }
}
