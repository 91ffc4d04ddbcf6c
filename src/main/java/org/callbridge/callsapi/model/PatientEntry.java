package org.callbridge.callsapi.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** One element of {@code patients} in POST /api/v1/calls: the API's patient UUID and per-patient metadata. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PatientEntry(String patientId, ObjectNode extended) {
    @Override
    public String toString() {
        return "PatientEntry[" + patientId + "]";
    }
}
