package org.callbridge.callsapi.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Body of POST /api/v1/calls. {@code scheduledAt} is ISO 8601 (UTC), null to call now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateCallsRequest(
        List<PatientEntry> patients,
        String agentId,
        Boolean recording,
        String reason,
        String name,
        String scheduledAt,
        String description) {

    public CreateCallsRequest {
        patients = List.copyOf(patients);
    }

    /** A batch with the given campaign name, recorded, called now or at {@code scheduledAt}. */
    public static CreateCallsRequest batch(String name, String agentId, List<PatientEntry> patients, String scheduledAt) {
        return new CreateCallsRequest(patients, agentId, Boolean.TRUE, null, name, scheduledAt, null);
    }

    /** The same request for fewer patients (after the API rejected some). */
    public CreateCallsRequest withPatients(List<PatientEntry> remaining) {
        return new CreateCallsRequest(remaining, agentId, recording, reason, name, scheduledAt, description);
    }

    @Override
    public String toString() {
        return "CreateCallsRequest[name=" + name + ", patients=" + patients.size() + ", scheduledAt=" + scheduledAt + "]";
    }
}
