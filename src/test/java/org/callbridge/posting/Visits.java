package org.callbridge.posting;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;

/** Appointment events for posting tests; every value is made up. */
public final class Visits {

    private Visits() {
    }

    public static AppointmentEvent booked(String appointmentId, String patientId, ZonedDateTime start) {
        return event(EventKind.NEW, appointmentId, patientId, start, "Main Campus");
    }

    static AppointmentEvent event(EventKind kind, String appointmentId, String patientId, ZonedDateTime start) {
        return event(kind, appointmentId, patientId, start, "Main Campus");
    }

    static AppointmentEvent event(EventKind kind, String appointmentId, String patientId, ZonedDateTime start,
                                  String location) {
        return event(kind, appointmentId, patientId, start, location, "Dr. Example");
    }

    static AppointmentEvent event(EventKind kind, String appointmentId, String patientId, ZonedDateTime start,
                                  String location, String provider) {
        String status = kind == EventKind.CANCEL || kind == EventKind.DELETE ? "Cancelled" : "Booked";
        return new AppointmentEvent("hl7-file", "test.hl7#" + appointmentId, "hl7", appointmentId, kind, List.of(),
                patientId, null, start, Duration.ofMinutes(30), "General Check Up", provider, location, status,
                "MSG-" + appointmentId, null);
    }
}
