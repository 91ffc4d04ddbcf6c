package org.callbridge.posting;

import org.callbridge.callsapi.CallsApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;

/** A simulated Calls API organization with many made-up patients, one without a phone, and two agents. */
public final class Clinic implements AutoCloseable {
    static final String KEY = "key-clinic-secret-0001";
    public static final String AGENT = "a9000000-0000-4000-8000-000000000001";
    public static final String NO_SHOW_AGENT = "a9000000-0000-4000-8000-000000000002";
    static final String NO_PHONE = "c0000000-0000-4000-8000-000000000001";
    /** A well-formed patient id the organization does not know. */
    static final String UNKNOWN = "d0000000-0000-4000-8000-000000000001";

    private final CallsApiSimulator simulator;

    private Clinic(CallsApiSimulator simulator) {
        this.simulator = simulator;
    }

    public static String patient(int i) {
        return String.format(Locale.ROOT, "b0000000-0000-4000-8000-%012d", i);
    }

    /** Fast calls (each stage {@code stageSeconds}), no faults. */
    static Clinic start(int patients, double stageSeconds) {
        return start(patients, stageSeconds, "{}");
    }

    /** @param faults the fixture's {@code faults} object */
    static Clinic start(int patients, double stageSeconds, String faults) {
        return start(patients, timing(stageSeconds, stageSeconds), faults);
    }

    /** @param timing the fixture's {@code timing} object, see {@link #timing} */
    static Clinic start(int patients, String timing, String faults) {
        return new Clinic(CallsApiSimulator.start(SimulatorFixtures.parse(fixtures(patients, timing, faults)),
                "127.0.0.1", 0));
    }

    /** Calls that start in {@code initiating} seconds and then ring for {@code ringing} seconds per later status. */
    static String timing(double initiating, double ringing) {
        return String.format(Locale.ROOT, "{\"initiatingSeconds\": %s, \"dialingSeconds\": %s, \"inProgressSeconds\": %s,"
                + " \"summarizingSeconds\": %s}", initiating, ringing, ringing, ringing);
    }

    static String fixtures(int patients, String timing, String faults) {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            entries.add(String.format(Locale.ROOT, "{\"patient_id\": \"%s\", \"first_name\": \"Test%d\", \"last_name\":"
                    + " \"Person\", \"birth_date\": \"1980-01-01\", \"email\": null, \"phone_number\": \"+1555%07d\"}",
                    patient(i), i, i));
        }
        entries.add("{\"patient_id\": \"" + NO_PHONE + "\", \"first_name\": \"No\", \"last_name\": \"Phone\","
                + " \"birth_date\": \"1970-01-01\", \"email\": null, \"phone_number\": null}");
        return """
                {"mode": "demo",
                 "timing": %1$s,
                 "outcomes": {"failureRate": 0.0, "seed": 42},
                 "capacity": {"maxConcurrentCalls": 1000},
                 "faults": %2$s,
                 "organizations": [{"name": "Test Clinic", "apiKeys": ["%3$s"],
                   "agents": [{"id": "%4$s", "name": "Reminder", "finalReport": {"appointment_confirmed": true}},
                              {"id": "%5$s", "name": "No-show follow-up", "finalReport": {"rebooked": true}}],
                   "patients": [%6$s]}]}
                """.formatted(timing, faults, KEY, AGENT, NO_SHOW_AGENT, String.join(",\n", entries));
    }

    public CallsApiSimulator simulator() {
        return simulator;
    }

    CallsApi api() {
        return api(Duration.ofSeconds(10));
    }

    CallsApi api(Duration requestTimeout) {
        return CallsApi.of(new CallsApiClient(CallsApiSettings.of(simulator.baseUrl(), KEY)
                .withRequestTimeout(requestTimeout)));
    }

    CallsApi apiWithKey(String key) {
        return CallsApi.of(new CallsApiClient(CallsApiSettings.of(simulator.baseUrl(), key)));
    }

    @Override
    public void close() {
        simulator.close();
    }
}
