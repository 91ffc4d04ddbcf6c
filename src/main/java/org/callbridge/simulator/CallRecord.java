package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The mutable state of one call inside the store; only touched while holding the store's lock. */
final class CallRecord {

    /** Where a call that is doomed to fail gives up; null for a call that will complete. */
    enum FailurePoint { DIALING, IN_PROGRESS }

    final long sequence;
    final String organization;
    final String callId;
    final String batchId;
    final String agentId;
    final String patientId;
    final JsonNode extended;
    final Instant createdAt;
    final Instant scheduledAt;
    final FailurePoint failurePoint;
    /** The report the call carries once completed; null for an empty one. Read-only. */
    final JsonNode finalReport;
    CallStatus status;
    Instant statusSince;
    Instant startedAt;
    Instant endedAt;

    CallRecord(long sequence, String organization, String callId, String batchId, String agentId, String patientId,
            JsonNode extended, Instant createdAt, Instant scheduledAt, FailurePoint failurePoint, JsonNode finalReport) {
        this.sequence = sequence;
        this.organization = organization;
        this.callId = callId;
        this.batchId = batchId;
        this.agentId = agentId;
        this.patientId = patientId;
        this.extended = extended;
        this.createdAt = createdAt;
        this.scheduledAt = scheduledAt;
        this.failurePoint = failurePoint;
        this.finalReport = finalReport;
        this.status = CallStatus.QUEUED;
        this.statusSince = createdAt;
    }

    /** A queued call may start once its scheduled time (if any) has come. */
    boolean isDue(Instant now) {
        return status == CallStatus.QUEUED && (scheduledAt == null || !scheduledAt.isAfter(now));
    }

    SimulatedCall snapshot() {
        return new SimulatedCall(organization, callId, batchId, agentId, patientId, status.wireName(), createdAt,
                scheduledAt, startedAt, endedAt, extended, status == CallStatus.COMPLETED ? finalReport : null);
    }
}
