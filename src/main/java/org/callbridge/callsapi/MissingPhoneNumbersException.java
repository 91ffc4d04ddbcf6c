package org.callbridge.callsapi;

import java.util.List;

/** 400 for patients without a phone number in the API's records: nothing was created. */
public class MissingPhoneNumbersException extends CallsApiException {
    private final List<String> patientIds;

    public MissingPhoneNumbersException(String message, List<String> patientIds) {
        super(400, message + ": " + patientIds.size() + " patient(s)", null, null);
        this.patientIds = List.copyOf(patientIds);
    }

    public List<String> patientIds() {
        return patientIds;
    }
}
