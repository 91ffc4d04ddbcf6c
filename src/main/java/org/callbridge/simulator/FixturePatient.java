package org.callbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A patient record of a simulated organization; the phone number used for its calls comes from here.
 * {@code outcomes} fixes what the patient's first calls come to, one entry per call in the order the calls
 * are created; calls beyond the list follow the fixture's defaults.
 */
public record FixturePatient(String patientId, String firstName, String lastName, String birthDate,
        String email, String phoneNumber, List<Outcome> outcomes) {

    /** What one call to the patient comes to: failed, or completed with the given final report. */
    public record Outcome(boolean failed, JsonNode finalReport) {

        public static final Outcome FAILED = new Outcome(true, null);

        public static Outcome completed(JsonNode finalReport) {
            return new Outcome(false, finalReport);
        }
    }

    public FixturePatient {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public FixturePatient(String patientId, String firstName, String lastName, String birthDate,
            String email, String phoneNumber) {
        this(patientId, firstName, lastName, birthDate, email, phoneNumber, List.of());
    }

    /** True when the record has a usable phone number (the API refuses to call patients without one). */
    public boolean hasPhoneNumber() {
        return phoneNumber != null && !phoneNumber.isBlank();
    }

    /** The fixed outcome of the patient's call number {@code index} (0 for the first), or null past the list. */
    public Outcome outcome(int index) {
        return index < outcomes.size() ? outcomes.get(index) : null;
    }
}
