package org.callbridge.chaos;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.callbridge.chaos.ChaosScenario.Appointment;
import org.callbridge.chaos.ChaosScenario.Change;
import org.callbridge.chaos.ChaosScenario.Patient;
import org.callbridge.chaos.ChaosScenario.Step;

/** Renders a scenario's events as the sources send them: HL7 v2 SIU messages and rows of the default CSV layout. */
final class ChaosInputs {
    static final String CSV_HEADER = "appointment_id,mrn,patient_id,start,timezone,appointment_type,provider,location,status";
    private static final DateTimeFormatter HL7_MINUTES = DateTimeFormatter.ofPattern("yyyyMMddHHmm");
    private static final DateTimeFormatter HL7_SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter CSV_START = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ChaosInputs() {
    }

    /** The SIU message of a step, with control id {@code controlId}; segments end with CR. */
    static String hl7(Appointment a, Step step, String controlId) {
        String trigger = switch (step.change()) {
            case BOOK -> "S12";
            case RESCHEDULE -> "S13";
            case MODIFY -> "S14";
            case CANCEL -> "S15";
        };
        String status = step.change() == Change.CANCEL ? "Cancelled" : "Booked";
        Patient p = a.patient;
        String pid3 = (a.byPatientId ? p.id() + "^^^CALLSAPI^PI~" : "") + p.mrn() + "^^^" + ChaosScenario.MRN_AUTHORITY + "^MR";
        String phones = p.phone() == null ? "" : "^PRN^PH^^1^" + p.areaCode() + "^" + p.localNumber();
        phones += (phones.isEmpty() ? "" : "~") + "^NET^Internet^" + p.email();
        String[] doctor = step.provider().split(" ");
        return String.join("\r",
                "MSH|^~\\&|CHAOSSCHED|LSG|CALLBRIDGE|LSG|" + HL7_SECONDS.format(ZonedDateTime.now(a.zone))
                        + "||SIU^" + trigger + "^SIU_S12|" + controlId + "|P|2.5.1",
                "SCH|" + a.id + "^CHAOSSCHED||||||VISIT^" + a.type + "||30|MIN|||||||||||||||" + status,
                "TQ1|1||||||" + hl7Start(step.start()),
                "PID|1||" + pid3 + "||" + p.last() + "^" + p.first() + "||" + p.birthDate().toString().replace("-", "")
                        + "|F|||" + p.street() + "^^Lakeside^MI^49001||" + phones,
                "RGS|1|A",
                "AIL|1|A|" + a.locationCode + "^^^LSG^^^^^" + hl7Location(a.zone),
                "AIP|1|A|D" + Math.abs(step.provider().hashCode() % 1000) + "^" + doctor[2] + "^" + doctor[1] + "^^^" + doctor[0],
                "") ;
    }

    /** A message that is not a scheduling message: answered AR and kept in the rejected folder. */
    static String adt(Patient p, String controlId) {
        return String.join("\r",
                "MSH|^~\\&|CHAOSADT|LSG|CALLBRIDGE|LSG|20261125080000||ADT^A01|" + controlId + "|P|2.5.1",
                "PID|1||" + p.mrn() + "^^^LSG^MR||" + p.last() + "^" + p.first() + "||"
                        + p.birthDate().toString().replace("-", "") + "|M",
                "");
    }

    /** TQ1-7: whole minutes as most feeds send them, seconds when the time has them. */
    private static String hl7Start(ZonedDateTime start) {
        return (start.getSecond() == 0 ? HL7_MINUTES : HL7_SECONDS).format(start);
    }

    /** The CSV row of a step (a reschedule or a modification is the row with its new values). */
    static String csvRow(Appointment a, Step step) {
        Patient p = a.patient;
        String status = step.change() == Change.CANCEL ? pick(step, "cancelled", "Cancelled") : "booked";
        return String.join(",", List.of(a.id, a.byPatientId ? "" : p.mrn(), a.byPatientId ? p.id() : "",
                CSV_START.format(step.start().toLocalDateTime()), a.zone.getId(), quoted(a.type),
                quoted(step.provider()), quoted(csvLocation(a.locationCode)), status));
    }

    /** A row whose start cannot be read: rejected alone, with its line number. */
    static String badCsvRow(String appointmentId, Patient p) {
        return String.join(",", appointmentId, p.mrn(), "", "2026-12-08 10:30", "America/Chicago", "Flu shot", "",
                "Lakeside", "booked");
    }

    private static String pick(Step step, String a, String b) {
        return step.index() % 2 == 0 ? a : b;
    }

    private static String quoted(String cell) {
        return cell.contains(",") || cell.contains("\"") ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /** AIL-3.9 of an appointment in this zone. */
    static String hl7Location(java.time.ZoneId zone) {
        return "Lakeside " + zone.getId().replaceAll(".*/", "").replace('_', ' ');
    }

    /** The CSV location column of an appointment at this location code. */
    static String csvLocation(String locationCode) {
        return "Lakeside " + locationCode.toLowerCase(Locale.ROOT);
    }
}
