package org.callbridge.store;

import java.time.Instant;

/**
 * One reminder call the planner decided on for one appointment event.
 *
 * @param callAt       when the call should happen
 * @param dueAt        from when it may be posted (callAt less the post-ahead horizon)
 * @param patientZone  the id of the patient's zone the call was planned in, or null (not planned, or planned before
 *                     the column existed and not readable from the JSON)
 * @param extendedJson the {@code extended} object to send for this patient
 */
public record PlannedCall(long id, String appointmentKey, long eventId, String agentId, String patientId,
                          Instant callAt, Instant dueAt, CallState state, String reason, Long batchId,
                          String callId, String apiBatchId, String callStatus, String patientZone, String extendedJson,
                          Instant createdAt, Instant updatedAt) {
}
