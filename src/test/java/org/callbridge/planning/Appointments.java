package org.callbridge.planning;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.appointment.PatientIdentifier;

/** Builds appointment events for planning tests. */
final class Appointments {

    static final String PATIENT = "11111111-1111-4111-8111-111111111111";

    private Appointments() {
    }

    static AppointmentEvent event(EventKind kind, ZonedDateTime start, String location, String status) {
        return new AppointmentEvent("hl7-file", "test.hl7#1", "hl7", "A-100", kind,
                List.of(new PatientIdentifier("MRN1", "HOSP", "MR")), PATIENT, "MRN1", start, Duration.ofMinutes(30),
                "General Check Up", "Dr. Smith", location, status, "MSG1", null);
    }

    static AppointmentEvent booked(ZonedDateTime start) {
        return event(EventKind.NEW, start, "Main Campus", "Booked");
    }

    static AppointmentEvent at(ZonedDateTime start, String location) {
        return event(EventKind.NEW, start, location, "Booked");
    }
}
