package org.callbridge.simulator;

/** A patient record of a simulated organization; the phone number used for its calls comes from here. */
public record FixturePatient(String patientId, String firstName, String lastName, String birthDate,
        String email, String phoneNumber) {

    /** True when the record has a usable phone number (the API refuses to call patients without one). */
    public boolean hasPhoneNumber() {
        return phoneNumber != null && !phoneNumber.isBlank();
    }
}
