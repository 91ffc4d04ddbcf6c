package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/** A validated POST /api/v1/calls request: ids are the canonical ones of the organization's directory. */
record BatchRequest(String agentId, List<Entry> patients, boolean recording, String reason, String name,
        Instant scheduledAt, String description, JsonNode payload) {

    /** One patient to call, with the per-patient metadata object it was posted with (or null). */
    record Entry(String patientId, JsonNode extended) {
    }

    BatchRequest {
        patients = List.copyOf(patients);
    }
}
