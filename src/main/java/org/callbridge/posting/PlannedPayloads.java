package org.callbridge.posting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.callbridge.callsapi.ApiTime;
import org.callbridge.callsapi.model.CreateCallsRequest;
import org.callbridge.callsapi.model.PatientEntry;
import org.callbridge.json.Json;
import org.callbridge.store.PlannedCall;

/** Reads a planned call's zone and stored {@code extended} JSON (its appointment id) and builds request bodies. */
final class PlannedPayloads {

    private PlannedPayloads() {
    }

    /** The POST body for these calls, in their order; {@code scheduledAt} null calls at once. */
    static CreateCallsRequest request(String name, String agentId, List<PlannedCall> calls, Instant scheduledAt) {
        List<PatientEntry> patients = calls.stream()
                .map(c -> new PatientEntry(c.patientId(), extended(c.extendedJson())))
                .toList();
        return CreateCallsRequest.batch(name, agentId, patients, ApiTime.format(scheduledAt));
    }

    /** The exact bytes the client sends for a request. */
    static byte[] body(CreateCallsRequest request) {
        try {
            return Json.mapper().writeValueAsBytes(request);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("request cannot be written as JSON", e);
        }
    }

    /**
     * The patient's zone the call was planned in; for a call planned before that was a column (and not backfilled),
     * the one the planner wrote into {@code extended.appointment.timezone}; else the fallback.
     */
    static ZoneId zone(PlannedCall call, ZoneId fallback) {
        String id = call.patientZone() != null ? call.patientZone()
                : appointment(parse(call.extendedJson())).path("timezone").asText("");
        try {
            return id.isEmpty() ? fallback : ZoneId.of(id);
        } catch (DateTimeException e) {
            return fallback;
        }
    }

    /**
     * {@code appointment.appointment_id} of an extended object, or of a call's JSON when the API echoes the
     * metadata ({@code extended} or {@code client_metadata}); null when absent.
     */
    static String appointmentId(JsonNode node) {
        if (node == null) {
            return null;
        }
        for (JsonNode candidate : List.of(node, node.path("extended"), node.path("client_metadata"))) {
            JsonNode id = candidate.path("appointment").path("appointment_id");
            if (id.isTextual()) {
                return id.asText();
            }
        }
        return null;
    }

    static JsonNode parse(String json) {
        if (json == null) {
            return Json.mapper().missingNode();
        }
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            return Json.mapper().missingNode();
        }
    }

    private static ObjectNode extended(String json) {
        JsonNode node = parse(json);
        return node.isObject() ? (ObjectNode) node : null;
    }

    private static JsonNode appointment(JsonNode extended) {
        return extended.path("appointment");
    }
}
