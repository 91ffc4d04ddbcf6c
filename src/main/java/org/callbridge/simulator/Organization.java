package org.callbridge.simulator;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An organization's fixed directory: its name, agents and patients, looked up by id regardless of letter case. */
final class Organization {

    private final String name;
    private final Map<String, FixtureAgent> agents = new HashMap<>();
    private final Map<String, FixturePatient> patients = new HashMap<>();

    Organization(FixtureOrganization fixture) {
        this.name = fixture.name();
        fixture.agents().forEach(a -> agents.put(key(a.id()), a));
        fixture.patients().forEach(p -> patients.put(key(p.patientId()), p));
    }

    String name() {
        return name;
    }

    Optional<FixtureAgent> agent(String id) {
        return Optional.ofNullable(id == null ? null : agents.get(key(id)));
    }

    Optional<FixturePatient> patient(String id) {
        return Optional.ofNullable(id == null ? null : patients.get(key(id)));
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
