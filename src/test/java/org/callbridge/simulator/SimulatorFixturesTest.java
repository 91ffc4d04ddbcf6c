package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorFixturesTest {

    private static final String ORG = """
            {"name": "Clinic", "apiKeys": ["k"],
             "agents": [{"id": "a0000000-0000-4000-8000-000000000001"}],
             "patients": [{"patient_id": "11111111-1111-4111-8111-111111111111", "phone_number": "+15555550000"}]}""";

    @Test
    void should_load_the_test_fixture_with_fractional_timing_and_both_organizations() {
        SimulatorFixtures fixtures = TestFixtures.load();

        assertThat(fixtures.mode()).isEqualTo(SimulatorFixtures.Mode.DEMO);
        assertThat(fixtures.timing().initiating()).isEqualTo(Duration.ofMillis(50));
        assertThat(fixtures.timing().inProgress()).isEqualTo(Duration.ofMillis(100));
        assertThat(fixtures.organizations()).extracting(FixtureOrganization::name).containsExactly("Clinic A", "Clinic B");
        assertThat(fixtures.organizations().get(1).apiKeys()).containsExactly("key-b", "key-b-secondary");
        FixtureAgent agent = fixtures.organizations().get(0).agents().get(0);
        assertThat(agent.finalReport().get("appointment_confirmed").asBoolean()).isTrue();
        assertThat(fixtures.organizations().get(0).patients()).filteredOn(p -> !p.hasPhoneNumber()).hasSize(2);
    }

    @Test
    void should_apply_defaults_when_only_organizations_are_given() {
        SimulatorFixtures fixtures = SimulatorFixtures.parse("{\"organizations\": [" + ORG + "]}");

        assertThat(fixtures.mode()).isEqualTo(SimulatorFixtures.Mode.DEMO);
        assertThat(fixtures.timing()).isEqualTo(SimulatorFixtures.Timing.DEFAULT);
        assertThat(fixtures.outcomes()).isEqualTo(SimulatorFixtures.Outcomes.DEFAULT);
        assertThat(fixtures.capacity().maxConcurrentCalls()).isEqualTo(20);
        assertThat(fixtures.faults()).isEqualTo(SimulatorFixtures.Faults.NONE);
        assertThat(fixtures.organizations().get(0).patients().get(0).email()).isNull();
    }

    @Test
    void should_read_production_mode_capacity_and_faults() {
        SimulatorFixtures fixtures = SimulatorFixtures.parse("""
                {"mode": "production", "capacity": {"maxConcurrentCalls": 3},
                 "faults": {"errorRate": 0.25, "throttleRate": 0.5, "retryAfterSeconds": 4, "latencyMillis": 15,
                            "ambiguousRate": 0.1, "seed": 99},
                 "organizations": [%s]}""".formatted(ORG));

        assertThat(fixtures.mode()).isEqualTo(SimulatorFixtures.Mode.PRODUCTION);
        assertThat(fixtures.capacity().maxConcurrentCalls()).isEqualTo(3);
        assertThat(fixtures.faults()).isEqualTo(new SimulatorFixtures.Faults(0.25, 0.5, 4, 15, 0.1, 99));
    }

    @Test
    void should_reject_malformed_json_with_one_line_message() {
        assertThatThrownBy(() -> SimulatorFixtures.parse("{\"organizations\": [\n{"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON at line")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void should_reject_fixtures_without_organizations() {
        assertThatThrownBy(() -> SimulatorFixtures.parse("{\"mode\": \"demo\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("organizations must be a non-empty array");
    }

    @Test
    void should_reject_an_agent_id_that_is_not_a_uuid() {
        String json = "{\"organizations\": [" + ORG.replace("a0000000-0000-4000-8000-000000000001", "agent-1") + "]}";

        assertThatThrownBy(() -> SimulatorFixtures.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("organizations[0].agents[0].id is not a UUID: agent-1");
    }

    @Test
    void should_reject_an_unknown_mode_and_an_out_of_range_rate() {
        assertThatThrownBy(() -> SimulatorFixtures.parse("{\"mode\": \"fast\", \"organizations\": [" + ORG + "]}"))
                .hasMessageContaining("mode must be");
        assertThatThrownBy(() -> SimulatorFixtures.parse(
                "{\"outcomes\": {\"failureRate\": 1.5}, \"organizations\": [" + ORG + "]}"))
                .hasMessage("outcomes.failureRate must be a number between 0 and 1");
    }

    @Test
    void should_reject_a_settings_section_that_is_not_an_object() {
        assertThatThrownBy(() -> SimulatorFixtures.parse("{\"timing\": 5, \"organizations\": [" + ORG + "]}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timing must be an object");
    }

    @Test
    void should_reject_an_api_key_shared_by_two_organizations_without_printing_it() {
        String json = "{\"organizations\": [" + ORG + "," + ORG + "]}";

        assertThatThrownBy(() -> SimulatorFixtures.parse(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("organizations[1].apiKeys repeats a key used by another entry");
    }

    @Test
    void should_name_the_file_when_it_cannot_be_read(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");

        assertThatThrownBy(() -> SimulatorFixtures.load(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot read fixtures file " + missing + ": no such file");
    }

    private static String withAgent(String fields) {
        return "{\"organizations\": [" + ORG.replace("\"a0000000-0000-4000-8000-000000000001\"",
                "\"a0000000-0000-4000-8000-000000000001\", " + fields) + "]}";
    }

    private static String withPatient(String fields) {
        return "{\"organizations\": [" + ORG.replace("\"+15555550000\"", "\"+15555550000\", " + fields) + "]}";
    }

    @Test
    void should_read_weighted_final_reports_and_patient_outcomes() {
        SimulatorFixtures fixtures = SimulatorFixtures.parse(withAgent("""
                "finalReport": {"single": true},
                "finalReports": [{"weight": 0.7, "report": {"confirmed": true}}, {"weight": 3, "report": {}}]"""));
        FixtureAgent agent = fixtures.organizations().get(0).agents().get(0);
        FixturePatient patient = SimulatorFixtures.parse(withPatient("\"outcomes\": [\"failed\", {\"confirmed\": false}]"))
                .organizations().get(0).patients().get(0);

        assertThat(agent.finalReports()).extracting(FixtureAgent.WeightedReport::weight).containsExactly(0.7, 3.0);
        assertThat(agent.finalReport().toString()).isEqualTo("{\"single\":true}");
        assertThat(agent.pick(0.0).toString()).isEqualTo("{\"confirmed\":true}");
        assertThat(agent.pick(0.99).toString()).isEqualTo("{}");
        assertThat(patient.outcomes()).hasSize(2);
        assertThat(patient.outcome(0)).isEqualTo(FixturePatient.Outcome.FAILED);
        assertThat(patient.outcome(1).finalReport().toString()).isEqualTo("{\"confirmed\":false}");
        assertThat(patient.outcome(2)).isNull();
    }

    @Test
    void should_treat_absent_or_null_outcome_fields_as_none() {
        FixtureOrganization org = SimulatorFixtures.parse(withAgent("\"finalReports\": null")).organizations().get(0);

        assertThat(org.agents().get(0).picksReport()).isFalse();
        assertThat(org.patients().get(0).outcomes()).isEmpty();
        assertThat(SimulatorFixtures.parse(withPatient("\"outcomes\": []")).organizations().get(0).patients().get(0)
                .outcome(0)).isNull();
    }

    @Test
    void should_reject_weighted_reports_that_are_empty_unweighted_or_not_reports() {
        String at = "organizations[0].agents[0].finalReports";
        assertThatThrownBy(() -> SimulatorFixtures.parse(withAgent("\"finalReports\": []")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(at + " must be a non-empty array");
        assertThatThrownBy(() -> SimulatorFixtures.parse(withAgent("\"finalReports\": {\"weight\": 1}")))
                .hasMessage(at + " must be a non-empty array");
        assertThatThrownBy(() -> SimulatorFixtures.parse(withAgent("\"finalReports\": [{\"report\": {}}, 5]")))
                .hasMessage(at + "[0].weight must be a positive number");
        assertThatThrownBy(() -> SimulatorFixtures.parse(withAgent("\"finalReports\": [{\"weight\": 1, \"report\": {}}, 5]")))
                .hasMessage(at + "[1] must be an object");
        for (String weight : List.of("-0.5", "0", "\"0.5\"", "null", "true")) {
            assertThatThrownBy(() -> SimulatorFixtures.parse(
                    withAgent("\"finalReports\": [{\"weight\": " + weight + ", \"report\": {}}]")))
                    .as(weight).hasMessage(at + "[0].weight must be a positive number");
        }
        for (String report : List.of("\"yes\"", "[]", "null", "1")) {
            assertThatThrownBy(() -> SimulatorFixtures.parse(
                    withAgent("\"finalReports\": [{\"weight\": 1, \"report\": " + report + "}]")))
                    .as(report).hasMessage(at + "[0].report must be an object");
        }
        assertThatThrownBy(() -> SimulatorFixtures.parse(withAgent("\"finalReports\": [{\"weight\": 1}]")))
                .hasMessage(at + "[0].report must be an object");
    }

    @Test
    void should_reject_patient_outcomes_other_than_failed_or_a_report_without_printing_them() {
        String at = "organizations[0].patients[0].outcomes";
        assertThatThrownBy(() -> SimulatorFixtures.parse(withPatient("\"outcomes\": \"failed\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(at + " must be an array");
        for (String entry : List.of("\"maybe\"", "\"FAILED\"", "\"\"", "null", "1", "true", "[{}]")) {
            assertThatThrownBy(() -> SimulatorFixtures.parse(withPatient("\"outcomes\": [{}, " + entry + "]")))
                    .as(entry).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(at + "[1] must be \"failed\" or a final report object");
        }
    }
}
