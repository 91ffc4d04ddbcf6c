package org.callbridge.planning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.Uuids;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The rules file ({@code callbridge.rules}): YAML, a list of rules under {@code rules:}, each a {@code match} and what
 * applies to the appointments it matches; the first rule that matches an appointment wins, and one that no rule
 * matches gets the defaults.
 *
 * <pre>
 * rules:
 *   - match: {type: "Lab*"}
 *     call: false
 *   - match: {location: "Dental North"}
 *     offsets: [P2D, PT3H]
 *     agent: 3f1c2b4a-0d9e-4c1b-9a7e-2f6d5c4b3a21
 *     calling-window: "10:00-18:00"
 *     retry-unreached: [PT2H]
 * </pre>
 *
 * A match holds globs ({@code *} any text, {@code ?} one character, the whole value, without case) for
 * {@code type}, {@code location}, {@code provider}, {@code language} and {@code source} (the event's feed: {@code hl7},
 * {@code csv:<feed>}); every one given must match, and an appointment without the value does not. {@code match: {}}
 * matches every appointment. Any other key is an error, so that a typo cannot widen a rule. Immutable.
 */
public final class ReminderRules {
    /** The keys of a rule. */
    public static final List<String> RULE_KEYS = List.of("match", "call", "offsets", "agent", "calling-window", "retry-unreached");
    /** The keys of a match, with the event value each one is compared with. */
    private static final Map<String, Function<AppointmentEvent, String>> MATCH_KEYS = matchKeys();
    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ReminderRules NONE = new ReminderRules(List.of());

    private record Entry(Map<String, Pattern> match, ReminderRule rule) {
        boolean matches(AppointmentEvent e) {
            for (Map.Entry<String, Pattern> m : match.entrySet()) {
                String value = MATCH_KEYS.get(m.getKey()).apply(e);
                if (value == null || !m.getValue().matcher(value.trim()).matches()) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Entry> entries;

    private ReminderRules(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** No rules: every appointment gets the defaults. */
    public static ReminderRules none() {
        return NONE;
    }

    /**
     * Reads the file once.
     *
     * @param setting     the key that names the file, for the message
     * @param defaultDays the calling days of a rule's calling window
     * @throws IllegalArgumentException naming the key, the file, and the rule and field of the problem
     */
    public static ReminderRules load(Path file, String setting, Set<DayOfWeek> defaultDays) {
        return WatchedFile.load(file, setting, f -> read(f, defaultDays), Duration.ZERO, System::nanoTime).current();
    }

    static ReminderRules read(Path file, Set<DayOfWeek> defaultDays) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), defaultDays);
    }

    /**
     * Reads rules from YAML text.
     *
     * @throws IllegalArgumentException naming the rule (from 1) and field of the first problem, never quoting a value
     */
    public static ReminderRules parse(String yaml, Set<DayOfWeek> defaultDays) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml.startsWith("\uFEFF") ? yaml.substring(1) : yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new IllegalArgumentException(line > 0 ? "line " + line + ": not valid YAML (or a key given twice)"
                    : "not valid YAML (or a key given twice)");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return NONE;
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a mapping with one key, rules");
        }
        unknownKeys(root, Set.of("rules"), "");
        JsonNode rules = root.get("rules");
        if (rules == null || rules.isNull()) {
            return NONE;
        }
        if (!rules.isArray()) {
            throw new IllegalArgumentException("rules: expected a list of rules");
        }
        List<Entry> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode node : rules) {
            index++;
            entries.add(rule(node, index, defaultDays));
        }
        return new ReminderRules(entries);
    }

    /** The first rule that matches the event, if any. */
    public Optional<ReminderRule> match(AppointmentEvent e) {
        if (e == null) {
            return Optional.empty();
        }
        for (Entry entry : entries) {
            if (entry.matches(e)) {
                return Optional.of(entry.rule());
            }
        }
        return Optional.empty();
    }

    /** The rules, in file order. */
    public List<ReminderRule> rules() {
        return entries.stream().map(Entry::rule).toList();
    }

    public int size() {
        return entries.size();
    }

    /** A glob as rules use it: {@code *} any text, {@code ?} one character, the rest literal; whole value, without case. */
    static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
    }

    private static Entry rule(JsonNode node, int index, Set<DayOfWeek> defaultDays) {
        String at = "rule " + index;
        if (!node.isObject()) {
            throw new IllegalArgumentException(at + ": expected a mapping with match and what applies");
        }
        unknownKeys(node, Set.copyOf(RULE_KEYS), at + " ");
        JsonNode matchNode = node.get("match");
        if (matchNode == null || matchNode.isNull()) {
            throw new IllegalArgumentException(at + " match: required (match: {} matches every appointment)");
        }
        if (!matchNode.isObject()) {
            throw new IllegalArgumentException(at + " match: expected a mapping of " + String.join(", ", MATCH_KEYS.keySet()));
        }
        unknownKeys(matchNode, MATCH_KEYS.keySet(), at + " match.");
        Map<String, Pattern> match = new LinkedHashMap<>();
        for (String key : MATCH_KEYS.keySet()) {
            JsonNode value = matchNode.get(key);
            if (value == null) {
                continue;
            }
            if (!value.isValueNode() || value.isNull() || value.asText().isBlank()) {
                throw new IllegalArgumentException(at + " match." + key + ": expected a text or glob such as \"Lab*\"");
            }
            match.put(key, glob(value.asText().trim()));
        }
        boolean call = true;
        JsonNode callNode = node.get("call");
        if (callNode != null) {
            if (!callNode.isBoolean()) {
                throw new IllegalArgumentException(at + " call: expected true or false");
            }
            call = callNode.booleanValue();
        }
        List<Duration> offsets = durations(node, "offsets", at, false);
        String agent = null;
        JsonNode agentNode = node.get("agent");
        if (agentNode != null) {
            if (!agentNode.isTextual() || !Uuids.isUuid(agentNode.asText().trim())) {
                throw new IllegalArgumentException(at + " agent: expected an agent UUID");
            }
            agent = Uuids.canonical(agentNode.asText().trim());
        }
        CallingWindow window = null;
        JsonNode windowNode = node.get("calling-window");
        if (windowNode != null) {
            if (!windowNode.isTextual()) {
                throw new IllegalArgumentException(at + " calling-window: expected hours such as \"10:00-18:00\" (quoted)");
            }
            try {
                window = CallingWindow.parse(at + " calling-window", windowNode.asText(), defaultDays);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + " calling-window: expected hours such as \"10:00-18:00\" that leave"
                        + " time within 08:00-21:00");
            }
        }
        List<Duration> retries = durations(node, "retry-unreached", at, true);
        if (!call && (offsets != null || agent != null || window != null || retries != null)) {
            throw new IllegalArgumentException(at + " call: false places no call, so it takes no offsets, agent,"
                    + " calling-window or retry-unreached");
        }
        return new Entry(match, new ReminderRule(index, call, offsets, agent, window, retries));
    }

    /** A list of distinct positive ISO 8601 durations, or null when the key is absent. */
    private static List<Duration> durations(JsonNode node, String key, String at, boolean emptyAllowed) {
        JsonNode list = node.get(key);
        if (list == null) {
            return null;
        }
        String field = at + " " + key;
        if (!list.isArray() || !emptyAllowed && list.isEmpty()) {
            throw new IllegalArgumentException(field + ": expected a list of durations such as [P1D, PT3H]"
                    + (emptyAllowed ? " (or [] for none)" : ""));
        }
        List<Duration> durations = new ArrayList<>();
        Set<Duration> seen = new HashSet<>();
        int i = 0;
        for (JsonNode item : list) {
            i++;
            Duration d;
            try {
                d = item.isTextual() ? Duration.parse(item.asText().trim()) : null;
            } catch (DateTimeParseException e) {
                d = null;
            }
            if (d == null) {
                throw new IllegalArgumentException(field + ": item " + i + " is not an ISO 8601 duration such as PT3H");
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(field + ": item " + i + " must be more than zero");
            }
            if (!seen.add(d)) {
                throw new IllegalArgumentException(field + ": item " + i + " is given twice");
            }
            durations.add(d);
        }
        return durations;
    }

    private static void unknownKeys(JsonNode node, Set<String> known, String at) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                // the key is the file's own word, not appointment data
                throw new IllegalArgumentException(at + printable(name)
                        + ": unknown key (expected one of " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String printable(String key) {
        return key.length() <= 40 && key.matches("[A-Za-z0-9_.-]+") ? key : "a key";
    }

    private static Map<String, Function<AppointmentEvent, String>> matchKeys() {
        Map<String, Function<AppointmentEvent, String>> keys = new LinkedHashMap<>();
        keys.put("type", AppointmentEvent::appointmentType);
        keys.put("location", AppointmentEvent::location);
        keys.put("provider", AppointmentEvent::provider);
        keys.put("language", AppointmentEvent::language);
        keys.put("source", AppointmentEvent::feed);
        return java.util.Collections.unmodifiableMap(keys);
    }
}
