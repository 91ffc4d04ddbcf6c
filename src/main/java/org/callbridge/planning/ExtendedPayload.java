package org.callbridge.planning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.callbridge.appointment.AppointmentEvent;

/**
 * Builds the per-patient {@code extended} object the agent reads:
 * {@code {"appointment": {"name", "start_time", "provider", "location", "appointment_id", "timezone"}}}.
 * Missing values are left out.
 */
public final class ExtendedPayload {

    /** The seed's spoken form: {@code August 22, 2025 at 10:30 AM}; no leading zeros on day or hour. */
    private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("MMMM d, uuuu 'at' h:mm a", Locale.US);

    private ExtendedPayload() {
    }

    /** The {@code extended} object for this event, its start spoken in {@code patientZone}. */
    public static ObjectNode forEvent(AppointmentEvent event, ZoneId patientZone) {
        ObjectNode extended = JsonNodeFactory.instance.objectNode();
        ObjectNode appointment = extended.putObject("appointment");
        appointment.put("name", present(event.appointmentType()) ? event.appointmentType().trim() : "appointment");
        if (event.start() != null) {
            appointment.put("start_time", spoken(event.start(), patientZone));
        }
        putIfPresent(appointment, "provider", event.provider());
        putIfPresent(appointment, "location", event.location());
        putIfPresent(appointment, "appointment_id", event.appointmentId());
        appointment.put("timezone", patientZone.getId());
        return extended;
    }

    /** {@code August 2, 2026 at 9:05 AM}: the start in the patient's zone, as a person would say it. */
    public static String spoken(ZonedDateTime start, ZoneId patientZone) {
        return SPOKEN.format(start.withZoneSameInstant(patientZone));
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (present(value)) {
            node.put(field, value.trim());
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
