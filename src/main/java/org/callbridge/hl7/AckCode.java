package org.callbridge.hl7;

/** MSA-1 acknowledgment codes of original mode: accept, error, reject. */
public enum AckCode {
    /** Application accept: the message is durably stored. */
    AA,
    /** Application error: the message was read but cannot be used (bad field, unknown patient). */
    AE,
    /** Application reject: the message could not be read at all (or is not for us). */
    AR
}
