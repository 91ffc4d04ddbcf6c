package org.callbridge.results;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.callbridge.outcome.Outcome;

/**
 * How results go back to the EHR over HL7: the message kind and the MSH-3 to MSH-6 names.
 *
 * @param kind                ORU^R01 or SIU^S14
 * @param sendingApplication  MSH-3, {@code CALLBRIDGE} by default
 * @param sendingFacility     MSH-4, or null
 * @param receivingApplication MSH-5, or null
 * @param receivingFacility   MSH-6, or null
 * @param patientIdAuthority  PID-3.4 of the Calls API patient id, {@code CALLSAPI} by default
 * @param scheduleStatus      SIU^S14 only: the SCH-25 code per outcome class; a class without one keeps SCH-25 the
 *                            call status
 */
public record Hl7ResultSettings(
        Hl7ResultKind kind,
        String sendingApplication,
        String sendingFacility,
        String receivingApplication,
        String receivingFacility,
        String patientIdAuthority,
        Map<Outcome, String> scheduleStatus) {

    public static final String DEFAULT_SENDING_APPLICATION = "CALLBRIDGE";
    /** PID-3.4 of the Calls API patient id when none is configured. */
    public static final String DEFAULT_PATIENT_ID_AUTHORITY = "CALLSAPI";

    public Hl7ResultSettings {
        Objects.requireNonNull(kind, "kind");
        if (sendingApplication == null || sendingApplication.isBlank()) {
            sendingApplication = DEFAULT_SENDING_APPLICATION;
        }
        if (patientIdAuthority == null || patientIdAuthority.isBlank()) {
            patientIdAuthority = DEFAULT_PATIENT_ID_AUTHORITY;
        }
        Map<Outcome, String> codes = new EnumMap<>(Outcome.class);
        if (scheduleStatus != null) {
            scheduleStatus.forEach((outcome, code) -> {
                if (code != null && !code.isBlank()) {
                    codes.put(Objects.requireNonNull(outcome, "outcome"), code.trim());
                }
            });
        }
        scheduleStatus = Map.copyOf(codes);
    }

    /** With SCH-25 the call status for every outcome. */
    public Hl7ResultSettings(Hl7ResultKind kind, String sendingApplication, String sendingFacility, String receivingApplication,
                             String receivingFacility, String patientIdAuthority) {
        this(kind, sendingApplication, sendingFacility, receivingApplication, receivingFacility, patientIdAuthority, Map.of());
    }

    /** With the default patient id authority. */
    public Hl7ResultSettings(Hl7ResultKind kind, String sendingApplication, String sendingFacility, String receivingApplication,
                             String receivingFacility) {
        this(kind, sendingApplication, sendingFacility, receivingApplication, receivingFacility, null, Map.of());
    }

    /** These settings with SCH-25 set to {@code scheduleStatus}'s code for each outcome class it has one for. */
    public Hl7ResultSettings withScheduleStatus(Map<Outcome, String> scheduleStatus) {
        return new Hl7ResultSettings(kind, sendingApplication, sendingFacility, receivingApplication, receivingFacility,
                patientIdAuthority, scheduleStatus);
    }

    /** The SCH-25 code configured for an outcome class, or null to keep the call status. */
    public String scheduleStatus(Outcome outcome) {
        return scheduleStatus.get(outcome);
    }

    /** The given kind, sent by CALLBRIDGE to an unnamed receiver. */
    public static Hl7ResultSettings of(Hl7ResultKind kind) {
        return new Hl7ResultSettings(kind, DEFAULT_SENDING_APPLICATION, null, null, null);
    }
}
