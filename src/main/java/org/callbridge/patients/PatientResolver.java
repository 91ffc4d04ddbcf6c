package org.callbridge.patients;

import org.callbridge.appointment.AppointmentEvent;

import org.callbridge.appointment.RejectedInputException;

import org.callbridge.appointment.PatientIdentifier;

import org.callbridge.appointment.Uuids;


import java.util.List;
import java.util.Optional;

/**
 * Finds the Calls API patient of an event, in order: a UUID the source already gives (CSV
 * {@code patient_id}, or the PID-3 repetition of the patient-id authority), then the crosswalk by
 * MRN. The MRN is the PID-3 repetition of the MRN authority when one is configured, else the first
 * of type MR, else the first. Cancels, deletes and no-shows pass without a patient, so that an
 * unknown patient never keeps a withdrawn appointment's call alive.
 */
public final class PatientResolver {
    private final Crosswalk crosswalk;
    private final String patientIdAuthority;
    private final String mrnAuthority;

    /**
     * @param crosswalk          source id to patient UUID
     * @param patientIdAuthority PID-3.4 whose ids are Calls API UUIDs (e.g. CALLSAPI), or null
     * @param mrnAuthority       PID-3.4 of the MRN ({@code callbridge.patients.mrn-authority}), or null
     */
    public PatientResolver(Crosswalk crosswalk, String patientIdAuthority, String mrnAuthority) {
        this.crosswalk = crosswalk;
        this.patientIdAuthority = blankToNull(patientIdAuthority);
        this.mrnAuthority = blankToNull(mrnAuthority);
    }

    /**
     * @return the event with its patient UUID and MRN
     * @throws RejectedInputException when a booking has no Calls API patient; the reason never holds the MRN
     */
    public AppointmentEvent resolve(AppointmentEvent event) {
        String mrn = event.mrn() != null ? event.mrn() : chooseMrn(event.identifiers());
        if (event.patientId() != null) {
            return event.withPatient(event.patientId(), mrn);
        }
        Optional<String> fromSource = patientIdFromSource(event.identifiers(), event.kind().withdraws());
        if (fromSource.isPresent()) {
            return event.withPatient(fromSource.get(), mrn);
        }
        Optional<String> fromCrosswalk = crosswalk.patientIdFor(mrn);
        if (fromCrosswalk.isPresent()) {
            return event.withPatient(fromCrosswalk.get(), mrn);
        }
        if (event.kind().withdraws()) {
            return event.withPatient(null, mrn);
        }
        if (mrn == null) {
            throw new RejectedInputException("patient", mrnAuthority == null
                    ? "no patient identifier in the source"
                    : "no PID-3 identifier with assigning authority " + mrnAuthority);
        }
        throw new RejectedInputException("patient", "no Calls API patient for the MRN in the crosswalk");
    }

    /** The MRN among the identifiers, or null (see the class comment for the rule). */
    public String chooseMrn(List<PatientIdentifier> identifiers) {
        if (identifiers.isEmpty()) {
            return null;
        }
        if (mrnAuthority != null) {
            return identifiers.stream().filter(id -> mrnAuthority.equalsIgnoreCase(id.assigningAuthority()))
                    .map(PatientIdentifier::id).findFirst().orElse(null);
        }
        return identifiers.stream().filter(id -> "MR".equalsIgnoreCase(id.typeCode()))
                .map(PatientIdentifier::id).findFirst().orElse(identifiers.get(0).id());
    }

    private Optional<String> patientIdFromSource(List<PatientIdentifier> identifiers, boolean lenient) {
        if (patientIdAuthority == null) {
            return Optional.empty();
        }
        Optional<PatientIdentifier> match = identifiers.stream()
                .filter(id -> patientIdAuthority.equalsIgnoreCase(id.assigningAuthority())).findFirst();
        if (match.isPresent() && !Uuids.isUuid(match.get().id())) {
            if (lenient) {
                return Optional.empty();
            }
            throw new RejectedInputException("PID-3", "the " + patientIdAuthority + " identifier is not a UUID");
        }
        return match.map(id -> Uuids.canonical(id.id()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
