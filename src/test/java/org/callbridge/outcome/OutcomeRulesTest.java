package org.callbridge.outcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutcomeRulesTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final OutcomeRules RULES = OutcomeRules.of("appointment_confirmed=true|yes", "answers.declined=true",
            "reschedule_requested=true", "opt_out=1");

    static JsonNode report(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Test
    void should_parse_a_rule_into_its_field_and_values() {
        OutcomeRules.Rule rule = OutcomeRules.Rule.parse("k", "  answers.confirmed = true | Yes ");

        assertThat(rule.field()).isEqualTo("answers.confirmed");
        assertThat(rule.values()).containsExactly("true", "Yes");
        assertThat(rule).hasToString("answers.confirmed=true|Yes");
    }

    @Test
    void should_match_a_nested_field_and_a_key_that_holds_a_dot() {
        OutcomeRules.Rule rule = OutcomeRules.Rule.parse("k", "answers.confirmed=yes");

        assertThat(rule.matches(report("{\"answers\": {\"confirmed\": \"yes\"}}"))).isTrue();
        assertThat(rule.matches(report("{\"answers.confirmed\": \"yes\"}"))).isTrue();
        assertThat(rule.matches(report("{\"answers\": {\"confirmed\": \"no\"}}"))).isFalse();
        assertThat(rule.matches(report("{\"answers\": \"yes\"}"))).isFalse();
        assertThat(rule.matches(report("{\"confirmed\": \"yes\"}"))).isFalse();
    }

    @Test
    void should_compare_text_ignoring_case_with_booleans_and_numbers_as_their_text() {
        assertThat(OutcomeRules.Rule.parse("k", "a=TRUE").matches(report("{\"a\": true}"))).isTrue();
        assertThat(OutcomeRules.Rule.parse("k", "a=true").matches(report("{\"a\": \"True \"}"))).isTrue();
        assertThat(OutcomeRules.Rule.parse("k", "a=3").matches(report("{\"a\": 3}"))).isTrue();
        assertThat(OutcomeRules.Rule.parse("k", "a=4.5").matches(report("{\"a\": 4.5}"))).isTrue();
        assertThat(OutcomeRules.Rule.parse("k", "a=10000000000").matches(report("{\"a\": 1e10}"))).isTrue();
        assertThat(OutcomeRules.Rule.parse("k", "a=true").matches(report("{\"a\": false}"))).isFalse();
    }

    @Test
    void should_never_match_null_missing_objects_or_arrays() {
        OutcomeRules.Rule rule = OutcomeRules.Rule.parse("k", "a=null|[]|{}");

        assertThat(rule.matches(report("{\"a\": null}"))).isFalse();
        assertThat(rule.matches(report("{\"a\": []}"))).isFalse();
        assertThat(rule.matches(report("{\"a\": {}}"))).isFalse();
        assertThat(rule.matches(report("{}"))).isFalse();
        assertThat(rule.matches(report("\"a\""))).isFalse();
        assertThat(rule.matches(null)).isFalse();
    }

    @Test
    void should_classify_a_completed_call_by_the_first_rule_that_matches_in_order() {
        assertThat(RULES.classify("completed", report("""
                {"appointment_confirmed": "YES", "answers": {"declined": true}, "reschedule_requested": true, "opt_out": 1}""")))
                .isEqualTo(Outcome.CONFIRMED);
        assertThat(RULES.classify("completed", report("""
                {"appointment_confirmed": false, "answers": {"declined": true}, "reschedule_requested": true, "opt_out": 1}""")))
                .isEqualTo(Outcome.DECLINED);
        assertThat(RULES.classify("completed", report("{\"reschedule_requested\": true, \"opt_out\": 1}")))
                .isEqualTo(Outcome.RESCHEDULE_REQUESTED);
        assertThat(RULES.classify("completed", report("{\"opt_out\": 1}"))).isEqualTo(Outcome.OPTED_OUT);
    }

    @Test
    void should_classify_a_completed_call_that_no_rule_matches_as_reached() {
        assertThat(RULES.classify("completed", report("{\"appointment_confirmed\": false}"))).isEqualTo(Outcome.REACHED);
        assertThat(RULES.classify("completed", null)).isEqualTo(Outcome.REACHED);
        assertThat(OutcomeRules.none().classify("completed", report("{\"appointment_confirmed\": true}")))
                .isEqualTo(Outcome.REACHED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"failed", "in-progress", "summarizing", "queued", ""})
    void should_classify_any_call_that_did_not_complete_as_unreached(String status) {
        assertThat(RULES.classify(status, report("{\"appointment_confirmed\": true}"))).isEqualTo(Outcome.UNREACHED);
        assertThat(RULES.classify(null, null)).isEqualTo(Outcome.UNREACHED);
    }

    @Test
    void should_leave_an_unset_rule_out() {
        OutcomeRules rules = OutcomeRules.of("appointment_confirmed=true", null, "  ", "");

        assertThat(rules.rule(Outcome.CONFIRMED)).hasToString("appointment_confirmed=true");
        assertThat(rules.rule(Outcome.DECLINED)).isNull();
        assertThat(rules.rule(Outcome.OPTED_OUT)).isNull();
        assertThat(rules.classify("completed", report("{\"appointment_confirmed\": false}"))).isEqualTo(Outcome.REACHED);
        assertThat(OutcomeRules.of(null, null, null, null)).isEqualTo(OutcomeRules.none());
    }

    @ParameterizedTest
    @ValueSource(strings = {"appointment_confirmed", "=true", "a..b=true", ".a=true", "a.=true", "a=", "a=true||yes", "a=true|"})
    void should_refuse_a_text_that_is_not_a_rule_in_one_line_naming_the_key(String text) {
        assertThatThrownBy(() -> OutcomeRules.Rule.parse("callbridge.outcome.confirmed-when", text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("callbridge.outcome.confirmed-when: '" + text.trim() + "' is not a rule (")
                .hasMessageContaining("expected <field>=<value>[|<value>...]")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> OutcomeRules.of(null, null, text, null)).hasMessageStartingWith("reschedule-when: ");
    }

    @Test
    void should_give_each_class_its_wire_name_and_say_which_end_the_program() {
        assertThat(Outcome.values()).extracting(Outcome::wireName).containsExactly("confirmed", "declined",
                "reschedule-requested", "opted-out", "reached", "unreached");
        assertThat(Outcome.values()).filteredOn(Outcome::stopsProgram).containsExactly(Outcome.CONFIRMED,
                Outcome.DECLINED, Outcome.RESCHEDULE_REQUESTED, Outcome.OPTED_OUT);
        assertThat(Outcome.ofWireName("Reschedule-Requested")).isEqualTo(Outcome.RESCHEDULE_REQUESTED);
        assertThatThrownBy(() -> Outcome.ofWireName("maybe")).isInstanceOf(IllegalArgumentException.class);
    }
}
