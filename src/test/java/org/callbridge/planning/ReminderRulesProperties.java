package org.callbridge.planning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.callbridge.appointment.AppointmentEvent;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Globs match whole values without case; the rule that wins is the first whose every key matches. */
class ReminderRulesProperties {

    @Provide
    Arbitrary<String> values() {
        // letters, digits, spaces and the characters regular expressions give a meaning to
        return Arbitraries.strings().withChars("aBcXyZ 019.+()[]{}^$|\\-:").ofMinLength(1).ofMaxLength(12)
                .filter(s -> !s.isBlank() && s.strip().equals(s));
    }

    @Property
    void a_glob_without_wildcards_matches_only_its_own_text_in_any_case(@ForAll("values") String value, @ForAll("values") String other) {
        assertThat(ReminderRules.glob(value).matcher(value.toUpperCase(Locale.ROOT)).matches()).isTrue();
        assertThat(ReminderRules.glob(value).matcher(value.toLowerCase(Locale.ROOT)).matches()).isTrue();
        assertThat(ReminderRules.glob(value).matcher(other).matches()).isEqualTo(value.equalsIgnoreCase(other));
    }

    @Property
    void a_star_stands_for_any_text_and_a_question_mark_for_one_character(@ForAll("values") String value,
                                                                          @ForAll @IntRange(min = 0, max = 11) int at) {
        int cut = Math.min(at, value.length());
        String prefix = value.substring(0, cut);
        assertThat(ReminderRules.glob(prefix + "*").matcher(value).matches()).isTrue();
        assertThat(ReminderRules.glob("*" + value.substring(cut)).matcher(value).matches()).isTrue();
        String oneReplaced = value.substring(0, Math.min(cut, value.length() - 1)) + "?" + value.substring(Math.min(cut, value.length() - 1) + 1);
        assertThat(ReminderRules.glob(oneReplaced).matcher(value).matches()).isTrue();
        assertThat(ReminderRules.glob(value + "?").matcher(value).matches()).isFalse();
    }

    record Rule(String type, String location) {
    }

    @Provide
    Arbitrary<List<Rule>> rules() {
        Arbitrary<String> glob = Arbitraries.of("Lab*", "lab", "*", "Dental ?orth", "X-ray").injectNull(0.4);
        return net.jqwik.api.Combinators.combine(glob, glob).as(Rule::new).list().ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> eventValues() {
        return Arbitraries.of("Lab draw", "LAB", "Dental North", "dental forth", "X-Ray", "Cleaning").injectNull(0.2);
    }

    @Property
    void the_first_rule_whose_every_key_matches_wins(@ForAll("rules") List<Rule> rules,
                                                    @ForAll("eventValues") String type, @ForAll("eventValues") String location) {
        String yaml = rules.stream().map(r -> "  - match: {" + field("type", r.type()) + (r.type() != null && r.location() != null ? ", " : "")
                + field("location", r.location()) + "}\n    offsets: [PT" + (rules.indexOf(r) + 1) + "H]")
                .collect(Collectors.joining("\n", "rules:\n", "\n"));
        ReminderRules parsed = ReminderRules.parse(rules.isEmpty() ? "rules: []" : yaml, EnumSet.allOf(DayOfWeek.class));
        AppointmentEvent event = ReminderRulesTest.event("hl7", type, location, null, null);

        Optional<Integer> expected = Optional.empty();
        for (int i = 0; i < rules.size(); i++) {
            if (matches(rules.get(i).type(), type) && matches(rules.get(i).location(), location)) {
                expected = Optional.of(i + 1);
                break;
            }
        }
        assertThat(parsed.match(event).map(ReminderRule::index)).isEqualTo(expected);
    }

    private static String field(String key, String glob) {
        return glob == null ? "" : key + ": \"" + glob + "\"";
    }

    /** The glob semantics, written out independently of regular expressions. */
    private static boolean matches(String glob, String value) {
        if (glob == null) {
            return true;
        }
        return value != null && globMatch(glob.toLowerCase(Locale.ROOT), 0, value.toLowerCase(Locale.ROOT), 0);
    }

    private static boolean globMatch(String g, int gi, String v, int vi) {
        if (gi == g.length()) {
            return vi == v.length();
        }
        char c = g.charAt(gi);
        if (c == '*') {
            for (int k = vi; k <= v.length(); k++) {
                if (globMatch(g, gi + 1, v, k)) {
                    return true;
                }
            }
            return false;
        }
        return vi < v.length() && (c == '?' || c == v.charAt(vi)) && globMatch(g, gi + 1, v, vi + 1);
    }
}
