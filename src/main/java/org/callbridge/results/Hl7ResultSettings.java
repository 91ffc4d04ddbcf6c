package org.callbridge.results;

import java.util.Objects;

/**
 * How results go back to the EHR over HL7: the message kind and the MSH-3 to MSH-6 names.
 *
 * @param kind                ORU^R01 or SIU^S14
 * @param sendingApplication  MSH-3, {@code CALLBRIDGE} by default
 * @param sendingFacility     MSH-4, or null
 * @param receivingApplication MSH-5, or null
 * @param receivingFacility   MSH-6, or null
 */
public record Hl7ResultSettings(
        Hl7ResultKind kind,
        String sendingApplication,
        String sendingFacility,
        String receivingApplication,
        String receivingFacility,
        String patientIdAuthority) {

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
    }

    /** With the default patient id authority. */
    public Hl7ResultSettings(Hl7ResultKind kind, String sendingApplication, String sendingFacility, String receivingApplication,
                             String receivingFacility) {
        this(kind, sendingApplication, sendingFacility, receivingApplication, receivingFacility, null);
    }

    /** The given kind, sent by CALLBRIDGE to an unnamed receiver. */
    public static Hl7ResultSettings of(Hl7ResultKind kind) {
        return new Hl7ResultSettings(kind, DEFAULT_SENDING_APPLICATION, null, null, null);
    }
}
