package org.callbridge.simulator;

import java.util.List;

/** One tenant of the simulator: its API keys, agents and patients. */
public record FixtureOrganization(String name, List<String> apiKeys, List<FixtureAgent> agents,
        List<FixturePatient> patients) {

    public FixtureOrganization {
        apiKeys = List.copyOf(apiKeys);
        agents = List.copyOf(agents);
        patients = List.copyOf(patients);
    }
}
