package org.callbridge.results;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.v25.message.SIU_S12;
import ca.uhn.hl7v2.model.v25.segment.NTE;
import ca.uhn.hl7v2.model.v25.segment.SCH;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.callbridge.outcome.Outcome;

/**
 * The body of a SIU^S14 (structure SIU_S12) call result: the appointment id in both SCH-1 and SCH-2 (Epic reads
 * SCH-2, others SCH-1), the start in SCH-11.4, SCH-25 = the code configured for the call's outcome class
 * ({@code callbridge.hl7.writeback.status.<class>}: {@code Confirmed^Reminder call confirmed}, the EHR's own code, no
 * coding system), or, for a class without one, the call status (code system CALLBRIDGE, not table 0278); then NTE:
 * first {@code Reminder call <id> <status>, <n> s, outcome <class>}, then one {@code <final_report.name>: <value>}
 * per field, line breaks as {@code \.br\}. PID as for ORU; RGS-1 because SIU requires a resources group.
 */
final class SiuS14Content {
    private SiuS14Content() {
    }

    static void fill(SIU_S12 message, CallReport report, String patientIdAuthority, Map<Outcome, String> scheduleStatus)
            throws HL7Exception {
        SCH sch = message.getSCH();
        if (report.linked()) {
            Hl7ResultFields.ei(sch.getPlacerAppointmentID(), report.appointmentId(), report.source());
            Hl7ResultFields.ei(sch.getFillerAppointmentID(), report.appointmentId(), report.source());
        }
        sch.getAppointmentTimingQuantity(0).getStartDateTime().getTime().setValue(Hl7ResultFields.ts(report.start()));
        String code = scheduleStatus.get(report.outcome());
        if (code != null) {
            // the EHR's own code, so no coding system of ours
            Hl7ResultFields.ce(sch.getFillerStatusCode(), code, "Reminder call " + report.outcome().wireName(), null);
        } else {
            Hl7ResultFields.ce(sch.getFillerStatusCode(), report.status(), "Reminder call " + report.status(),
                    Hl7ResultFields.CODING_SYSTEM);
        }

        int set = 0;
        note(message.getNTE(set), ++set, "Reminder call " + report.callId() + " " + report.status()
                + (report.durationSeconds() == null ? "" : ", " + report.durationSeconds() + " s")
                + ", outcome " + report.outcome().wireName());
        for (Map.Entry<String, JsonNode> field : FinalReportFields.flatten(report.finalReport()).entrySet()) {
            String text = FinalReportFields.text(field.getValue());
            if (text != null) {
                note(message.getNTE(set), ++set, field.getKey() + ": " + text);
            }
        }
        Hl7ResultFields.patient(message.getPATIENT().getPID(), report, patientIdAuthority);
        message.getRESOURCES().getRGS().getSetIDRGS().setValue("1");
    }

    private static void note(NTE nte, int setId, String comment) throws HL7Exception {
        nte.getSetIDNTE().setValue(Integer.toString(setId));
        nte.getComment(0).setValue(Hl7ResultFields.formatted(comment));
    }
}
