package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a POST /api/v1/calls body against one organization, in the API's order: the request as a whole,
 * then every patient (all failing indexes reported together), then phone numbers. Any failure is an
 * {@link ApiException}, thrown before anything is created.
 */
final class BatchRequestValidator {

    static final String UUID_FORMAT = "UUID v4 (e.g., \"22222222-2222-2222-2222-222222222222\")";

    private BatchRequestValidator() {
    }

    static BatchRequest validate(JsonNode body, Organization org, Instant now) {
        if (body == null || !body.isObject()) {
            throw badRequest("Request body must be a JSON object");
        }
        String agentId = agentId(body.get("agentId"), org);
        JsonNode patients = body.get("patients");
        if (patients == null || !patients.isArray() || patients.isEmpty()) {
            throw badRequest("patients must be a non-empty array");
        }
        boolean recording = recording(body.get("recording"));
        String reason = optionalText(body, "reason");
        String name = optionalText(body, "name");
        String description = optionalText(body, "description");
        Instant scheduledAt = scheduledAt(body.get("scheduledAt"), now);
        List<BatchRequest.Entry> entries = patients((ArrayNode) patients, org);
        requirePhoneNumbers(patients, entries, org);
        return new BatchRequest(agentId, entries, recording, reason, name, scheduledAt, description, body);
    }

    private static String agentId(JsonNode node, Organization org) {
        if (node == null || node.isNull()) {
            throw badRequest("agentId is required");
        }
        if (!node.isTextual() || !WireFormats.isUuid(node.asText())) {
            throw badRequest("agentId must be a valid UUID");
        }
        return org.agent(node.asText()).map(FixtureAgent::id)
                .orElseThrow(() -> badRequest("Agent not found"));
    }

    private static boolean recording(JsonNode node) {
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw badRequest("recording must be a boolean");
        }
        return node.asBoolean();
    }

    private static Instant scheduledAt(JsonNode node, Instant now) {
        if (node == null || node.isNull()) {
            return null;
        }
        Instant at = node.isTextual() ? WireFormats.parseInstant(node.asText()).orElse(null) : null;
        if (at == null) {
            throw badRequest("scheduledAt must be a valid ISO 8601 date string");
        }
        if (!at.isAfter(now)) {
            throw badRequest("scheduledAt must be a date in the future");
        }
        return WireFormats.millis(at);
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw badRequest(field + " must be a string");
        }
        return node.asText();
    }

    private static List<BatchRequest.Entry> patients(ArrayNode patients, Organization org) {
        List<BatchRequest.Entry> entries = new ArrayList<>();
        ArrayNode failures = SimulatorJson.array();
        for (int index = 0; index < patients.size(); index++) {
            JsonNode item = patients.get(index);
            ArrayNode errors = SimulatorJson.array();
            String patientId = null;
            JsonNode extended = null;
            if (!item.isObject()) {
                errors.add(fieldError("patient", "each patient must be an object", null, item));
            } else {
                JsonNode id = item.get("patientId");
                if (id == null || !id.isTextual() || !WireFormats.isUuid(id.asText())) {
                    errors.add(fieldError("patientId", "patientId must be a valid UUID", UUID_FORMAT, id));
                } else {
                    patientId = org.patient(id.asText()).map(FixturePatient::patientId).orElse(null);
                    if (patientId == null) {
                        errors.add(fieldError("patientId", "Patient not found", null, id));
                    }
                }
                extended = item.get("extended");
                if (extended != null && !extended.isNull() && !extended.isObject()) {
                    errors.add(fieldError("extended", "extended must be an object", null, extended));
                }
            }
            if (errors.isEmpty()) {
                entries.add(new BatchRequest.Entry(patientId,
                        extended == null || extended.isNull() ? null : extended.deepCopy()));
            } else {
                ObjectNode failure = SimulatorJson.object().put("index", index);
                failure.set("patientId", item.isObject() ? item.get("patientId") : null);
                failure.set("failedObject", item);
                failure.set("errors", errors);
                failures.add(failure);
            }
        }
        if (!failures.isEmpty()) {
            ObjectNode body = SimulatorJson.object()
                    .put("statusCode", 400)
                    .put("message", "Validation failed for one or more patients");
            body.set("errors", failures);
            throw new ApiException(400, body.get("message").asText(), body);
        }
        return entries;
    }

    /** Reported with the ids as the client sent them, so it can match them to its own records. */
    private static void requirePhoneNumbers(JsonNode posted, List<BatchRequest.Entry> entries, Organization org) {
        Set<String> missing = new LinkedHashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            boolean hasPhone = org.patient(entries.get(i).patientId()).map(FixturePatient::hasPhoneNumber).orElse(false);
            if (!hasPhone) {
                missing.add(posted.get(i).get("patientId").asText());
            }
        }
        if (!missing.isEmpty()) {
            ObjectNode body = SimulatorJson.object()
                    .put("statusCode", 400)
                    .put("message", "One or more patients are missing a phone number");
            ArrayNode ids = body.putArray("patientIds");
            missing.forEach(ids::add);
            throw new ApiException(400, body.get("message").asText(), body);
        }
    }

    private static ObjectNode fieldError(String field, String message, String expectedFormat, JsonNode received) {
        ObjectNode error = SimulatorJson.object().put("field", field).put("message", message);
        if (expectedFormat != null) {
            error.put("expectedFormat", expectedFormat);
        }
        error.set("receivedValue", received);
        return error;
    }

    private static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
