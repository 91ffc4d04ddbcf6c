package org.callbridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Turns fixture JSON into {@link SimulatorFixtures}, applying defaults and naming the first problem found. */
final class FixtureReader {

    /** The one text a patient outcome may be. */
    private static final String FAILED = "failed";

    private FixtureReader() {
    }

    static SimulatorFixtures read(String json) {
        JsonNode root;
        try {
            root = SimulatorJson.MAPPER.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("not valid JSON" + where + ": " + oneLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("fixtures must be a JSON object");
        }
        return new SimulatorFixtures(mode(root.get("mode")), timing(section(root, "timing")),
                outcomes(section(root, "outcomes")), capacity(section(root, "capacity")), faults(section(root, "faults")),
                organizations(root.get("organizations")));
    }

    /** An optional settings object; absent or null reads as empty so every field takes its default. */
    private static JsonNode section(JsonNode root, String name) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull()) {
            return SimulatorJson.object();
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(name + " must be an object");
        }
        return node;
    }

    private static SimulatorFixtures.Mode mode(JsonNode node) {
        if (node == null || node.isNull()) {
            return SimulatorFixtures.Mode.DEMO;
        }
        String text = node.isTextual() ? node.asText().toLowerCase(Locale.ROOT) : "";
        return switch (text) {
            case "demo" -> SimulatorFixtures.Mode.DEMO;
            case "production" -> SimulatorFixtures.Mode.PRODUCTION;
            default -> throw new IllegalArgumentException("mode must be \"demo\" or \"production\", not " + node);
        };
    }

    private static SimulatorFixtures.Timing timing(JsonNode node) {
        SimulatorFixtures.Timing d = SimulatorFixtures.Timing.DEFAULT;
        return new SimulatorFixtures.Timing(
                seconds(node, "initiatingSeconds", d.initiating()),
                seconds(node, "dialingSeconds", d.dialing()),
                seconds(node, "inProgressSeconds", d.inProgress()),
                seconds(node, "summarizingSeconds", d.summarizing()));
    }

    private static SimulatorFixtures.Outcomes outcomes(JsonNode node) {
        SimulatorFixtures.Outcomes d = SimulatorFixtures.Outcomes.DEFAULT;
        return new SimulatorFixtures.Outcomes(rate(node, "outcomes.failureRate", "failureRate", d.failureRate()),
                integer(node, "outcomes.seed", "seed", d.seed(), Long.MIN_VALUE));
    }

    private static SimulatorFixtures.Capacity capacity(JsonNode node) {
        long max = integer(node, "capacity.maxConcurrentCalls", "maxConcurrentCalls",
                SimulatorFixtures.Capacity.DEFAULT.maxConcurrentCalls(), 1);
        return new SimulatorFixtures.Capacity((int) Math.min(max, Integer.MAX_VALUE));
    }

    private static SimulatorFixtures.Faults faults(JsonNode node) {
        SimulatorFixtures.Faults d = SimulatorFixtures.Faults.NONE;
        return new SimulatorFixtures.Faults(
                rate(node, "faults.errorRate", "errorRate", d.errorRate()),
                rate(node, "faults.throttleRate", "throttleRate", d.throttleRate()),
                (int) Math.min(integer(node, "faults.retryAfterSeconds", "retryAfterSeconds", d.retryAfterSeconds(), 0),
                        Integer.MAX_VALUE),
                integer(node, "faults.latencyMillis", "latencyMillis", d.latencyMillis(), 0),
                rate(node, "faults.ambiguousRate", "ambiguousRate", d.ambiguousRate()),
                integer(node, "faults.seed", "seed", d.seed(), Long.MIN_VALUE));
    }

    private static List<FixtureOrganization> organizations(JsonNode node) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("organizations must be a non-empty array");
        }
        List<FixtureOrganization> result = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = "organizations[" + i + "]";
            JsonNode org = node.get(i);
            if (!org.isObject()) {
                throw new IllegalArgumentException(at + " must be an object");
            }
            String name = requiredText(org, at + ".name", "name");
            List<String> apiKeys = new ArrayList<>();
            JsonNode keysNode = org.get("apiKeys");
            if (keysNode == null || !keysNode.isArray() || keysNode.isEmpty()) {
                throw new IllegalArgumentException(at + ".apiKeys must be a non-empty array of strings");
            }
            for (JsonNode key : keysNode) {
                if (!key.isTextual() || key.asText().isBlank()) {
                    throw new IllegalArgumentException(at + ".apiKeys must hold non-blank strings");
                }
                // The key itself stays out of the message: fixture errors may end up in logs.
                if (!keys.add(key.asText())) {
                    throw new IllegalArgumentException(at + ".apiKeys repeats a key used by another entry");
                }
                apiKeys.add(key.asText());
            }
            result.add(new FixtureOrganization(name, apiKeys, agents(org.get("agents"), at),
                    patients(org.get("patients"), at)));
        }
        return result;
    }

    private static List<FixtureAgent> agents(JsonNode node, String org) {
        List<FixtureAgent> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        requireArray(node, org + ".agents");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = org + ".agents[" + i + "]";
            JsonNode agent = requireObject(node.get(i), at);
            String id = requiredText(agent, at + ".id", "id");
            if (!WireFormats.isUuid(id)) {
                throw new IllegalArgumentException(at + ".id is not a UUID: " + id);
            }
            if (!ids.add(id.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(at + ".id repeats agent " + id);
            }
            JsonNode report = agent.get("finalReport");
            if (report != null && !report.isNull() && !report.isObject()) {
                throw new IllegalArgumentException(at + ".finalReport must be an object");
            }
            result.add(new FixtureAgent(id, optionalText(agent, at + ".name", "name"),
                    report == null || report.isNull() ? null : report.deepCopy(),
                    weightedReports(agent.get("finalReports"), at + ".finalReports")));
        }
        return result;
    }

    private static List<FixturePatient> patients(JsonNode node, String org) {
        List<FixturePatient> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        requireArray(node, org + ".patients");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String at = org + ".patients[" + i + "]";
            JsonNode patient = requireObject(node.get(i), at);
            String id = requiredText(patient, at + ".patient_id", "patient_id");
            if (!WireFormats.isUuid(id)) {
                throw new IllegalArgumentException(at + ".patient_id is not a UUID");
            }
            if (!ids.add(id.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(at + ".patient_id repeats another patient");
            }
            result.add(new FixturePatient(id,
                    optionalText(patient, at + ".first_name", "first_name"),
                    optionalText(patient, at + ".last_name", "last_name"),
                    optionalText(patient, at + ".birth_date", "birth_date"),
                    optionalText(patient, at + ".email", "email"),
                    optionalText(patient, at + ".phone_number", "phone_number"),
                    patientOutcomes(patient.get("outcomes"), at + ".outcomes")));
        }
        return result;
    }

    /** An agent's optional weighted reports: absent or null is none; otherwise a non-empty array. */
    private static List<FixtureAgent.WeightedReport> weightedReports(JsonNode node, String label) {
        List<FixtureAgent.WeightedReport> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException(label + " must be a non-empty array");
        }
        for (int i = 0; i < node.size(); i++) {
            String at = label + "[" + i + "]";
            JsonNode entry = requireObject(node.get(i), at);
            JsonNode weight = entry.get("weight");
            if (weight == null || !weight.isNumber() || !(weight.asDouble() > 0) || !Double.isFinite(weight.asDouble())) {
                throw new IllegalArgumentException(at + ".weight must be a positive number");
            }
            JsonNode report = entry.get("report");
            if (report == null || !report.isObject()) {
                throw new IllegalArgumentException(at + ".report must be an object");
            }
            result.add(new FixtureAgent.WeightedReport(weight.asDouble(), report.deepCopy()));
        }
        return result;
    }

    /**
     * A patient's optional outcomes: each entry {@code "failed"} or a final report object. The entry's content
     * stays out of messages: a report may hold patient details.
     */
    private static List<FixturePatient.Outcome> patientOutcomes(JsonNode node, String label) {
        List<FixturePatient.Outcome> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        requireArray(node, label);
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            if (entry.isTextual() && FAILED.equals(entry.asText())) {
                result.add(FixturePatient.Outcome.FAILED);
            } else if (entry.isObject()) {
                result.add(FixturePatient.Outcome.completed(entry.deepCopy()));
            } else {
                throw new IllegalArgumentException(label + "[" + i + "] must be \"" + FAILED
                        + "\" or a final report object");
            }
        }
        return result;
    }

    private static Duration seconds(JsonNode parent, String field, Duration fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || !Double.isFinite(node.asDouble())) {
            throw new IllegalArgumentException("timing." + field + " must be a number of seconds >= 0");
        }
        return Duration.ofNanos(Math.round(node.asDouble() * 1_000_000_000d));
    }

    private static double rate(JsonNode parent, String label, String field, double fallback) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
            throw new IllegalArgumentException(label + " must be a number between 0 and 1");
        }
        return node.asDouble();
    }

    private static long integer(JsonNode parent, String label, String field, long fallback, long min) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < min) {
            throw new IllegalArgumentException(label + " must be an integer" + (min > Long.MIN_VALUE ? " >= " + min : ""));
        }
        return node.asLong();
    }

    private static String requiredText(JsonNode parent, String label, String field) {
        String value = optionalText(parent, label, field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(label + " is required");
        }
        return value;
    }

    private static String optionalText(JsonNode parent, String label, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(label + " must be a string");
        }
        return node.asText();
    }

    private static void requireArray(JsonNode node, String label) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(label + " must be an array");
        }
    }

    private static JsonNode requireObject(JsonNode node, String label) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(label + " must be an object");
        }
        return node;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
