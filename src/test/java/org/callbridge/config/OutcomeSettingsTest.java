package org.callbridge.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.callbridge.outcome.Outcome;
import org.callbridge.outcome.OutcomeRules;
import org.junit.jupiter.api.Test;

/** The outcome rules and the SCH-25 code per outcome class, as the settings give them. */
class OutcomeSettingsTest {

    private static List<String> problems(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put(Keys.API_KEY.key(), "outcome-settings-test-key");
        return Configuration.problems(Settings.of(all));
    }

    @Test
    void should_class_the_sample_fixtures_final_report_as_confirmed_by_default() throws Exception {
        JsonNode fixtures = new ObjectMapper().readTree(Path.of("sample-data/simulator-fixtures.json").toFile());
        JsonNode finalReport = fixtures.path("organizations").path(0).path("agents").path(0).path("finalReport");
        OutcomeRules defaults = Configuration.outcomes(Map.of());

        assertThat(finalReport.isObject()).isTrue();
        assertThat(defaults.classify("completed", finalReport)).isEqualTo(Outcome.CONFIRMED);
        assertThat(defaults).isEqualTo(OutcomeRules.of("appointment_confirmed=true", null, "reschedule_requested=true", null));
    }

    @Test
    void should_read_each_rule_and_let_none_turn_a_default_off() {
        OutcomeRules rules = Configuration.outcomes(Map.of(Keys.OUTCOME_CONFIRMED_WHEN.key(), "answers.confirmed=YES|true",
                Keys.OUTCOME_DECLINED_WHEN.key(), "answers.confirmed=no", Keys.OUTCOME_RESCHEDULE_WHEN.key(), "None",
                Keys.OUTCOME_OPT_OUT_WHEN.key(), "do_not_call=true"));

        assertThat(rules.rule(Outcome.CONFIRMED)).hasToString("answers.confirmed=YES|true");
        assertThat(rules.rule(Outcome.DECLINED)).hasToString("answers.confirmed=no");
        assertThat(rules.rule(Outcome.RESCHEDULE_REQUESTED)).isNull();
        assertThat(rules.rule(Outcome.OPTED_OUT)).hasToString("do_not_call=true");
    }

    @Test
    void should_name_each_wrong_rule_on_a_line_of_its_own() {
        List<String> problems = problems(Map.of(Keys.OUTCOME_DECLINED_WHEN.key(), "declined",
                Keys.OUTCOME_OPT_OUT_WHEN.key(), "opt..out=true"));

        assertThat(problems).containsExactly(
                "callbridge.outcome.declined-when: 'declined' is not a rule (no '='); expected <field>=<value>[|<value>...],"
                        + " e.g. appointment_confirmed=true|yes",
                "callbridge.outcome.opt-out-when: 'opt..out=true' is not a rule (the field has an empty part between dots);"
                        + " expected <field>=<value>[|<value>...], e.g. appointment_confirmed=true|yes");
        assertThat(Configuration.partial(Settings.of(Map.of(Keys.OUTCOME_DECLINED_WHEN.key(), "declined"))).outcomes()).isNull();
    }

    @Test
    void should_give_the_write_back_an_sch_25_code_only_for_the_classes_that_have_one() {
        Map<String, String> writeback = Map.of(Keys.HL7_WRITEBACK_DIR.key(), "out", Keys.HL7_WRITEBACK_KIND.key(), "SIU_S14");
        Map<String, String> changed = new HashMap<>(writeback);
        changed.put(Keys.HL7_WRITEBACK_STATUS_CONFIRMED.key(), "none");
        changed.put(Keys.HL7_WRITEBACK_STATUS_RESCHEDULE_REQUESTED.key(), " Pending ");
        changed.put(Keys.HL7_WRITEBACK_STATUS_UNREACHED.key(), "Unreached");

        assertThat(Configuration.writeback(writeback).result().scheduleStatus()).isEqualTo(Map.of(Outcome.CONFIRMED, "Confirmed"));
        assertThat(Configuration.writeback(changed).result().scheduleStatus())
                .isEqualTo(Map.of(Outcome.RESCHEDULE_REQUESTED, "Pending", Outcome.UNREACHED, "Unreached"));
    }

    @Test
    void should_build_the_outcome_rules_into_the_whole_configuration() {
        Configuration config = Configuration.build(Settings.of(Map.of(Keys.API_KEY.key(), "k")));

        assertThat(config.outcomes()).isEqualTo(Configuration.outcomes(Map.of()));
    }
}
