package org.callbridge.callsapi;

import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;

/** Two organizations on a fast simulator, with the faults a test asks for. */
final class SimulatorFixturesForTests {
    static final String KEY_A = "key-a-secret-1234";
    static final String KEY_B = "key-b-secret-5678";
    static final String AGENT_A = "a0000000-0000-4000-8000-000000000001";
    static final String AGENT_B = "b0000000-0000-4000-8000-000000000001";
    static final String PATIENT_1 = "a1111111-1111-4111-8111-111111111111";
    static final String PATIENT_2 = "a2222222-2222-4222-8222-222222222222";
    static final String PATIENT_3 = "a3333333-3333-4333-8333-333333333333";
    static final String PATIENT_NO_PHONE = "a4444444-4444-4444-8444-444444444444";
    static final String PATIENT_OF_B = "b1111111-1111-4111-8111-111111111111";

    private SimulatorFixturesForTests() {
    }

    static CallsApiSimulator start(String faults) {
        return start(faults, 0.05, 0.0);
    }

    static CallsApiSimulator start(String faults, double stageSeconds, double failureRate) {
        String json = """
                {
                  "mode": "demo",
                  "timing": {"initiatingSeconds": %1$s, "dialingSeconds": %1$s, "inProgressSeconds": %1$s, "summarizingSeconds": %1$s},
                  "outcomes": {"failureRate": %2$s, "seed": 42},
                  "capacity": {"maxConcurrentCalls": 50},
                  "faults": %3$s,
                  "organizations": [
                    {"name": "Clinic A", "apiKeys": ["%4$s"],
                     "agents": [{"id": "%5$s", "name": "Reminder", "finalReport": {"appointment_confirmed": true}}],
                     "patients": [
                       {"patient_id": "%6$s", "first_name": "Ada", "last_name": "Testperson", "birth_date": "1980-02-03", "email": null, "phone_number": "+15555550101"},
                       {"patient_id": "%7$s", "first_name": "Ben", "last_name": "Testperson", "birth_date": "1981-02-03", "email": "ben@example.test", "phone_number": "+15555550102"},
                       {"patient_id": "%8$s", "first_name": "Cy", "last_name": "Testperson", "birth_date": "1982-02-03", "email": null, "phone_number": "+15555550103"},
                       {"patient_id": "%9$s", "first_name": "Di", "last_name": "Nophone", "birth_date": "1983-02-03", "email": null, "phone_number": null}
                     ]},
                    {"name": "Clinic B", "apiKeys": ["%10$s"],
                     "agents": [{"id": "%11$s", "name": "Other", "finalReport": {"ok": true}}],
                     "patients": [
                       {"patient_id": "%12$s", "first_name": "Eve", "last_name": "Other", "birth_date": "1984-02-03", "email": null, "phone_number": "+15555550201"}
                     ]}
                  ]
                }
                """.formatted(stageSeconds, failureRate, faults, KEY_A, AGENT_A, PATIENT_1, PATIENT_2, PATIENT_3,
                PATIENT_NO_PHONE, KEY_B, AGENT_B, PATIENT_OF_B);
        return CallsApiSimulator.start(SimulatorFixtures.parse(json), "127.0.0.1", 0);
    }

    static CallsApiClient client(CallsApiSimulator simulator, String key) {
        return new CallsApiClient(CallsApiSettings.of(simulator.baseUrl(), key));
    }
}
