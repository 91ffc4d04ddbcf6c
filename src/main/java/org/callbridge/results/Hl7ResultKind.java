package org.callbridge.results;

/** Which HL7 v2.5 message carries a call's outcome back to the EHR. */
public enum Hl7ResultKind {
    /** {@code ORU^R01}: an observation result per call, one OBX per outcome field. */
    ORU_R01,
    /** {@code SIU^S14}: a schedule update for the appointment, call status in SCH-25, outcome in NTE. */
    SIU_S14
}
