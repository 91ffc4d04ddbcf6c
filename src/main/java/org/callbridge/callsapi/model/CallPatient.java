package org.callbridge.callsapi.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The patient embedded in a call. PHI: never log it; {@link #toString()} shows the id only. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallPatient(
        @JsonProperty("patient_id") String patientId,
        @JsonProperty("first_name") String firstName,
        @JsonProperty("last_name") String lastName,
        @JsonProperty("birth_date") String birthDate,
        String email,
        @JsonProperty("phone_number") String phoneNumber) {

    @Override
    public String toString() {
        return "CallPatient[" + patientId + "]";
    }
}
