package org.callbridge.callsapi;

import java.util.List;
import org.callbridge.callsapi.model.PatientError;

/** 400 "Validation failed for one or more patients": the patients named were refused, nothing was created. */
public class ValidationRejectedException extends CallsApiException {
    private final List<PatientError> patientErrors;

    public ValidationRejectedException(String message, List<PatientError> patientErrors) {
        super(400, message + ": " + patientErrors.size() + " patient(s)", null, null);
        this.patientErrors = List.copyOf(patientErrors);
    }

    public List<PatientError> patientErrors() {
        return patientErrors;
    }
}
