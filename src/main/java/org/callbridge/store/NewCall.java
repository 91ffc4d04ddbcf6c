package org.callbridge.store;

import java.time.Instant;

/** A call to plan for one appointment event; see {@link PlannedCall} for the fields. */
public record NewCall(long eventId, String appointmentKey, String agentId, String patientId,
                      Instant callAt, Instant dueAt, String patientZone, String extendedJson) {
}
