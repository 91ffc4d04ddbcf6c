package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
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
}
