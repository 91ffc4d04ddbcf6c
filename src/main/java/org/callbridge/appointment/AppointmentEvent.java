package org.callbridge.appointment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * One appointment event, whatever its source, as the store keeps it.
 *
 * @param source        the input channel: {@code mllp}, {@code hl7-file}, {@code csv:<feed>}
 * @param sourceRef     where it came from, free of PHI ({@link SourceRefs}): {@code file.hl7#2 MSH-10=123}, {@code peer 10.1.1.1 MSH-10=123}, {@code file.csv:17}
 * @param feed          namespace of appointment ids: {@code hl7} for every HL7 channel, {@code csv:<feed>} per CSV feed
 * @param appointmentId the source's appointment id (SCH-1/SCH-2 or the CSV column)
 * @param kind          what happened
 * @param identifiers   patient identifiers as the source gave them
 * @param patientId     the Calls API patient UUID once resolved, else null
 * @param mrn           the medical record number chosen from the identifiers, or null
 * @param start         appointment start with its zone (null only for cancels that gave none)
 * @param duration      appointment length, or null
 * @param appointmentType visit type text (SCH-7/SCH-8), or null
 * @param provider      provider display name, or null
 * @param location      location / department, or null
 * @param status        source status text (SCH-25 or CSV status), or null
 * @param controlId     MSH-10 for HL7, else null
 * @param phone         patient phone from the source, only for the rejects report, never logged
 * @param language      the patient's preferred language as the source coded it, trimmed and lower-cased
 *                      ({@code es}; HL7 PID-15, the CSV {@code language} column), or null
 */
public record AppointmentEvent(
        String source,
        String sourceRef,
        String feed,
        String appointmentId,
        EventKind kind,
        List<PatientIdentifier> identifiers,
        String patientId,
        String mrn,
        ZonedDateTime start,
        Duration duration,
        String appointmentType,
        String provider,
        String location,
        String status,
        String controlId,
        String phone,
        String language) {

    public AppointmentEvent {
        identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
        language = language(language);
    }

    /** An event whose source gave no language. */
    public AppointmentEvent(String source, String sourceRef, String feed, String appointmentId, EventKind kind,
                            List<PatientIdentifier> identifiers, String patientId, String mrn, ZonedDateTime start,
                            Duration duration, String appointmentType, String provider, String location, String status,
                            String controlId, String phone) {
        this(source, sourceRef, feed, appointmentId, kind, identifiers, patientId, mrn, start, duration, appointmentType,
                provider, location, status, controlId, phone, null);
    }

    /** A language code as events keep it: trimmed, lower-cased, null when blank. */
    public static String language(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.trim();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    /** The same event with this language (normalised as above). */
    public AppointmentEvent withLanguage(String code) {
        return new AppointmentEvent(source, sourceRef, feed, appointmentId, kind, identifiers, patientId,
                mrn, start, duration, appointmentType, provider, location, status, controlId, phone, code);
    }

    /** The same event with its Calls API patient resolved. */
    public AppointmentEvent withPatient(String resolvedPatientId, String chosenMrn) {
        return new AppointmentEvent(source, sourceRef, feed, appointmentId, kind, identifiers, resolvedPatientId,
                chosenMrn, start, duration, appointmentType, provider, location, status, controlId, phone, language);
    }

    /** The same event with another source reference (e.g. the file it was found in). */
    public AppointmentEvent withSourceRef(String ref) {
        return new AppointmentEvent(source, ref, feed, appointmentId, kind, identifiers, patientId,
                mrn, start, duration, appointmentType, provider, location, status, controlId, phone, language);
    }

    /** Key of the appointment across events: feed plus source id. */
    public String appointmentKey() {
        return feed + "|" + appointmentId;
    }

    /** The assigning authority (PID-3.4) of the chosen MRN, as the source gave it, or null. */
    public String mrnAuthority() {
        if (mrn == null) {
            return null;
        }
        return identifiers.stream().filter(i -> mrn.equals(i.id()) && i.assigningAuthority() != null)
                .map(PatientIdentifier::assigningAuthority).findFirst().orElse(null);
    }

    /**
     * Dedup key: the same event re-sent (new MSH-10, other file, other channel) has the same key;
     * a change of time, status, patient or details gives a new one. The language is not part of it: keys of events
     * stored before it was read stay as they were, and a re-sent event that only adds or corrects it is the same event.
     */
    public String dedupKey() {
        String canonical = String.join("\u001f",
                feed, appointmentId, kind.name(),
                start == null ? "" : start.toInstant().toString(),
                duration == null ? "" : duration.toString(),
                nz(patientId), nz(appointmentType), nz(provider), nz(location), nz(status));
        byte[] hash = SHA_256.get().digest(canonical.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash);
    }

    /** One digest per thread: looking the algorithm up costs more than hashing an event. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Never prints the phone number or identifiers. */
    @Override
    public String toString() {
        return "AppointmentEvent[" + source + " " + sourceRef + " appointment=" + appointmentId + " kind=" + kind + "]";
    }
}
