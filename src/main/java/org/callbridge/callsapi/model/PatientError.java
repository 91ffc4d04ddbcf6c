package org.callbridge.callsapi.model;

import java.util.List;

/**
 * One patient the API refused: its index in the request, its id, and the reasons
 * ({@code field: message}). Reasons come from the API and carry no PHI.
 */
public record PatientError(int index, String patientId, List<String> reasons) {
    public PatientError {
        reasons = List.copyOf(reasons);
    }

    public String reason() {
        return String.join("; ", reasons);
    }
}
