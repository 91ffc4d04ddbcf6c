package org.callbridge.store;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.appointment.PatientIdentifier;

/** Appointment events and planned calls for store tests; every value is made up. */
final class Samples {
    static final Instant T0 = Instant.parse("2025-08-20T12:00:00Z");
    static final String AGENT = "12121212-1212-1212-1212-121212121212";
    static final String OTHER_AGENT = "34343434-3434-3434-3434-343434343434";

    private Samples() {
    }

    /** A new appointment from HL7, with a phone and identifiers that the store must not keep. */
    static AppointmentEvent event(String appointmentId) {
        return new AppointmentEvent("mllp", "peer 127.0.0.1 MSH-10=" + appointmentId, "hl7", appointmentId, EventKind.NEW,
                List.of(new PatientIdentifier("MRN-" + appointmentId, "HOSP", "MR")),
                "11111111-1111-1111-1111-111111111111", "MRN-" + appointmentId,
                ZonedDateTime.of(2025, 8, 22, 10, 30, 0, 0, ZoneId.of("America/Chicago")), Duration.ofMinutes(30),
                "General Check Up", "Dr. Example", "Clinic A", "Booked", "CTRL-" + appointmentId, "+15555550100");
    }

    static AppointmentEvent reschedule(String appointmentId, int hours) {
        AppointmentEvent e = event(appointmentId);
        return new AppointmentEvent(e.source(), e.sourceRef(), e.feed(), e.appointmentId(), EventKind.RESCHEDULE,
                e.identifiers(), e.patientId(), e.mrn(), e.start().plusHours(hours), e.duration(), e.appointmentType(),
                e.provider(), e.location(), e.status(), e.controlId(), e.phone());
    }

    static AppointmentEvent fromSource(AppointmentEvent e, String source, String sourceRef, String controlId) {
        return new AppointmentEvent(source, sourceRef, e.feed(), e.appointmentId(), e.kind(), e.identifiers(),
                e.patientId(), e.mrn(), e.start(), e.duration(), e.appointmentType(), e.provider(), e.location(),
                e.status(), controlId, e.phone());
    }

    static NewCall call(long eventId, String appointmentKey, Instant callAt, Instant dueAt) {
        return new NewCall(eventId, appointmentKey, AGENT, "11111111-1111-1111-1111-111111111111", callAt, dueAt,
                "Europe/Paris", "{\"appointment\":{\"name\":\"General Check Up\"}}");
    }
}
