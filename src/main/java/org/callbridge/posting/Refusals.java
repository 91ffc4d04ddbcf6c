package org.callbridge.posting;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.callbridge.callsapi.MissingPhoneNumbersException;
import org.callbridge.callsapi.model.PatientError;
import org.callbridge.store.PlannedCall;

/** Turns a 400 about individual patients into the planned calls it refuses, each with the API's reason (no PHI). */
final class Refusals {
    private static final String PREFIX = "refused by the Calls API: ";

    private Refusals() {
    }

    /**
     * Validation errors name the index of the patient in the request (the calls, in order) and its id; an index
     * that does not fit is matched by patient id instead.
     */
    static Map<Long, String> of(List<PlannedCall> posted, List<PatientError> errors) {
        Map<Long, String> refused = new LinkedHashMap<>();
        for (PatientError e : errors) {
            boolean indexFits = e.index() >= 0 && e.index() < posted.size()
                    && (e.patientId() == null || e.patientId().equals(posted.get(e.index()).patientId()));
            if (indexFits) {
                refused.put(posted.get(e.index()).id(), PREFIX + e.reason());
            } else if (e.patientId() != null) {
                posted.stream().filter(c -> e.patientId().equals(c.patientId()))
                        .forEach(c -> refused.put(c.id(), PREFIX + e.reason()));
            }
        }
        return refused;
    }

    /** Every call of a patient the API says has no phone number. */
    static Map<Long, String> of(List<PlannedCall> posted, MissingPhoneNumbersException e) {
        Set<String> ids = new HashSet<>(e.patientIds());
        String reason = PREFIX + apiMessage(e);
        Map<Long, String> refused = new LinkedHashMap<>();
        posted.stream().filter(c -> ids.contains(c.patientId())).forEach(c -> refused.put(c.id(), reason));
        return refused;
    }

    /** The API's own message, without the patient count and status the exception adds. */
    private static String apiMessage(MissingPhoneNumbersException e) {
        String message = e.getMessage();
        int cut = message.lastIndexOf(": " + e.patientIds().size() + " patient(s)");
        return cut > 0 ? message.substring(0, cut) : message;
    }
}
