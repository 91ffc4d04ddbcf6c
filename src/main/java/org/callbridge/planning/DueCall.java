package org.callbridge.planning;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One planned call that is due to be posted.
 *
 * @param plannedCallId  the store's id of the planned call; unique, and the order calls are batched in
 * @param appointmentKey the appointment it is for ({@code feed|appointmentId})
 * @param agentId        the Calls API agent
 * @param patientId      the Calls API patient UUID
 * @param scheduledAt    when the call should start, or null when due now
 * @param extended       the per-patient {@code extended} object, or null
 * @param flow           reminder or no-show follow-up
 */
public record DueCall(long plannedCallId, String appointmentKey, String agentId, String patientId,
                      Instant scheduledAt, ObjectNode extended, CallFlow flow) {

    public DueCall {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(patientId, "patientId");
        Objects.requireNonNull(flow, "flow");
        extended = extended == null ? null : extended.deepCopy();
    }

    /** A reminder call. */
    public DueCall(long plannedCallId, String appointmentKey, String agentId, String patientId,
                   Instant scheduledAt, ObjectNode extended) {
        this(plannedCallId, appointmentKey, agentId, patientId, scheduledAt, extended, CallFlow.REMINDER);
    }

    /** The {@code extended} object; a copy, so the call stays as planned. */
    @Override
    public ObjectNode extended() {
        return extended == null ? null : extended.deepCopy();
    }

    /** Never prints the extended payload (it carries appointment details). */
    @Override
    public String toString() {
        return "DueCall[" + plannedCallId + " " + flow.slug() + " at " + (scheduledAt == null ? "now" : scheduledAt) + "]";
    }
}
