package org.callbridge.outcome;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides the {@link Outcome} of an ended call from its status and its {@code final_report}, with one rule per
 * answer class. A rule is {@code <field>=<value>[|<value>...]}: {@code field} names a field of the final report,
 * dots for nesting ({@code answers.confirmed} is {@code {"answers": {"confirmed": ...}}}, or a key {@code "answers.confirmed"}
 * itself); the rule matches when that field's value, as text, equals one of the values, ignoring case and
 * surrounding spaces. Booleans and numbers compare as their text ({@code true}, {@code 3}, {@code 4.5}; a number in
 * exponent form as its plain digits); a missing field, a JSON null, an object or an array never matches.
 *
 * <p>Classification ({@link #classify}):
 * <ul>
 *   <li>status {@code completed}: the first rule that matches, in the order confirmed, declined,
 *       reschedule-requested, opted-out; none matches (or no final report): {@link Outcome#REACHED};</li>
 *   <li>any other status: {@link Outcome#UNREACHED}. That is {@code failed} (a call hung up is marked failed by the
 *       Calls API too), and the statuses of a call not ended yet ({@code queued}, {@code initiating},
 *       {@code dialing}, {@code in-progress}, {@code summarizing}) or none at all: no answer is known. A caller
 *       that must tell "not ended yet" from "not reached" looks at the status first.</li>
 * </ul>
 * A rule that is not set never matches. Immutable and thread-safe; {@link #toString()} shows the rules, which are
 * configuration, never a report's values.
 */
public final class OutcomeRules {
    /** The answer classes that have a rule, in the order they are tried. */
    public static final List<Outcome> RULE_ORDER = List.of(Outcome.CONFIRMED, Outcome.DECLINED,
            Outcome.RESCHEDULE_REQUESTED, Outcome.OPTED_OUT);
    private static final String SYNTAX = "<field>=<value>[|<value>...], e.g. appointment_confirmed=true|yes";
    private static final OutcomeRules NONE = new OutcomeRules(null, null, null, null);

    private final Map<Outcome, Rule> rules = new EnumMap<>(Outcome.class);

    /** The four rules, each null for "never matches". */
    public OutcomeRules(Rule confirmed, Rule declined, Rule rescheduleRequested, Rule optedOut) {
        put(Outcome.CONFIRMED, confirmed);
        put(Outcome.DECLINED, declined);
        put(Outcome.RESCHEDULE_REQUESTED, rescheduleRequested);
        put(Outcome.OPTED_OUT, optedOut);
    }

    /**
     * The rules parsed from their texts, each null or blank for unset; a text that is not a rule is an
     * IllegalArgumentException naming it by its setting's last part ({@code confirmed-when}, {@code declined-when},
     * {@code reschedule-when}, {@code opt-out-when}).
     */
    public static OutcomeRules of(String confirmedWhen, String declinedWhen, String rescheduleWhen, String optOutWhen) {
        return new OutcomeRules(Rule.parse("confirmed-when", confirmedWhen), Rule.parse("declined-when", declinedWhen),
                Rule.parse("reschedule-when", rescheduleWhen), Rule.parse("opt-out-when", optOutWhen));
    }

    /** No rules: a completed call is {@link Outcome#REACHED}, any other {@link Outcome#UNREACHED}. */
    public static OutcomeRules none() {
        return NONE;
    }

    /** The class of a call with this status and final report ({@code finalReport} may be null). */
    public Outcome classify(String status, JsonNode finalReport) {
        if (!"completed".equalsIgnoreCase(status == null ? null : status.trim())) {
            return Outcome.UNREACHED;
        }
        for (Outcome answer : RULE_ORDER) {
            Rule rule = rules.get(answer);
            if (rule != null && rule.matches(finalReport)) {
                return answer;
            }
        }
        return Outcome.REACHED;
    }

    /** The rule of an answer class, or null when it has none (and for reached, unreached). */
    public Rule rule(Outcome outcome) {
        return rules.get(outcome);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OutcomeRules that && rules.equals(that.rules);
    }

    @Override
    public int hashCode() {
        return rules.hashCode();
    }

    @Override
    public String toString() {
        return "OutcomeRules" + rules;
    }

    private void put(Outcome outcome, Rule rule) {
        if (rule != null) {
            rules.put(outcome, rule);
        }
    }

    /**
     * One rule: the field's path (its dotted name split at the dots) and the values that match, as written.
     *
     * @param field  the dotted field name, as written
     * @param values the values that match, at least one, none empty
     */
    public record Rule(String field, List<String> values) {
        public Rule {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
            if (segments(field) == null || values.isEmpty() || values.stream().anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("not a rule: " + field + "=" + String.join("|", values));
            }
        }

        /**
         * The rule in {@code text}, or null when the text is null or blank (unset). Otherwise an
         * IllegalArgumentException whose message is one line that starts with {@code name} (the setting's key), fit
         * for a configuration error.
         */
        public static Rule parse(String name, String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String rule = text.trim();
            int eq = rule.indexOf('=');
            if (eq < 0) {
                throw refused(name, rule, "no '='");
            }
            String field = rule.substring(0, eq).trim();
            if (field.isEmpty()) {
                throw refused(name, rule, "no field before '='");
            }
            if (segments(field) == null) {
                throw refused(name, rule, "the field has an empty part between dots");
            }
            List<String> values = new ArrayList<>();
            for (String value : rule.substring(eq + 1).split("\\|", -1)) {
                if (value.isBlank()) {
                    throw refused(name, rule, "an empty value");
                }
                values.add(value.trim());
            }
            return new Rule(field, values);
        }

        /** True when the final report's field, as text, is one of the values (case-insensitive). */
        public boolean matches(JsonNode finalReport) {
            return finalReport != null && matches(finalReport, segments(field), 0);
        }

        /** The rule as it would be written. */
        @Override
        public String toString() {
            return field + "=" + String.join("|", values);
        }

        // a dotted name may be nested objects or a key that holds dots itself: every split is tried
        private boolean matches(JsonNode node, String[] path, int from) {
            if (from == path.length) {
                return matchesLeaf(node);
            }
            if (!node.isObject()) {
                return false;
            }
            StringBuilder key = new StringBuilder();
            for (int to = from; to < path.length; to++) {
                if (to > from) {
                    key.append('.');
                }
                key.append(path[to]);
                JsonNode child = node.get(key.toString());
                if (child != null && matches(child, path, to + 1)) {
                    return true;
                }
            }
            return false;
        }

        private boolean matchesLeaf(JsonNode leaf) {
            if (leaf == null || leaf.isNull() || leaf.isMissingNode() || leaf.isContainerNode()) {
                return false;
            }
            String text = (leaf.isFloatingPointNumber() ? leaf.decimalValue().toPlainString() : leaf.asText()).trim();
            return values.stream().anyMatch(text::equalsIgnoreCase);
        }

        private static String[] segments(String field) {
            String[] parts = field.split("\\.", -1);
            for (String part : parts) {
                if (part.isEmpty()) {
                    return null;
                }
            }
            return parts;
        }

        private static IllegalArgumentException refused(String name, String rule, String reason) {
            return new IllegalArgumentException(name + ": '" + rule + "' is not a rule (" + reason + "); expected " + SYNTAX);
        }
    }
}
