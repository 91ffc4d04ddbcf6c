package org.callbridge.appointment;

/** One patient identifier from the source: a PID-3 repetition, or a CSV mrn / patient_id cell. */
public record PatientIdentifier(String id, String assigningAuthority, String typeCode) {
}
