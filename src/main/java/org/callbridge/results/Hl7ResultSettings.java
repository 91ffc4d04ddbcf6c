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
        String receivingFacility) {

    public static final String DEFAULT_SENDING_APPLICATION = "CALLBRIDGE";

    public Hl7ResultSettings {
        Objects.requireNonNull(kind, "kind");
        if (sendingApplication == null || sendingApplication.isBlank()) {
            sendingApplication = DEFAULT_SENDING_APPLICATION;
        }
    }

    /** The given kind, sent by CALLBRIDGE to an unnamed receiver. */
    public static Hl7ResultSettings of(Hl7ResultKind kind) {
        return new Hl7ResultSettings(kind, DEFAULT_SENDING_APPLICATION, null, null, null);
    }
}
