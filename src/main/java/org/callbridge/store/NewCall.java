package org.callbridge.store;

import java.time.Instant;

/** A call to plan for one appointment event; see {@link PlannedCall} for the fields. */
public record NewCall(long eventId, String appointmentKey, String agentId, String patientId,
                      Instant callAt, Instant dueAt, String patientZone, String extendedJson, int touchpoint, int attempt,
                      Instant appointmentStart, Instant followupAt) {

    /** The first try of the first touchpoint, without a start to group the appointment's program by. */
    public NewCall(long eventId, String appointmentKey, String agentId, String patientId, Instant callAt, Instant dueAt,
                   String patientZone, String extendedJson) {
        this(eventId, appointmentKey, agentId, patientId, callAt, dueAt, patientZone, extendedJson, 0, 0, null, null);
    }
}
