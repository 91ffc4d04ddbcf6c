package org.callbridge.hl7;

import org.callbridge.appointment.LocationZones;

import org.callbridge.appointment.AppointmentEvent;

import org.callbridge.appointment.RejectedInputException;

import org.callbridge.appointment.AppointmentZones;


import org.callbridge.appointment.SourceRefs;



import org.callbridge.appointment.EventKind;


import org.callbridge.patients.PatientResolver;






import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.callbridge.hl7.SiuPaths.*;

/**
 * Turns one HL7 v2 SIU message (any version 2.3 to 2.8) into an {@link AppointmentEvent}, or
 * rejects it with a reason naming the field. The patient is not resolved here: the event carries
 * every PID-3 identifier and {@link PatientResolver} picks the MRN or Calls API id.
 * <ul>
 * <li>kind: MSH-9.2 S12 S13 S14 S15 S17 S26; an S14 whose SCH-25 is Cancelled/Canceled/Deleted is a CANCEL</li>
 * <li>appointment id: SCH-1.1 or SCH-2.1, the configured one first</li>
 * <li>start: TQ1-7, else SCH-11.4 (see {@link AppointmentZones}); duration: SCH-9/10, TQ1-8, TQ1-6</li>
 * <li>type: SCH-7.2, SCH-7.1, SCH-8.2, SCH-8.1; status: SCH-25.1, SCH-25.2, verbatim</li>
 * <li>provider: AIP-3 as "prefix given family", else AIP-3.1; location: AIL-3.9, AIL-3.1, AIL-3.4</li>
 * <li>phone: PID-13 then PID-14, for the rejects report only; {@code ""} is null everywhere</li>
 * <li>language: PID-15.1, else PID-15.2, trimmed and lower-cased</li>
 * </ul>
 */
public final class SiuMapper {
    /** The feed of every HL7 channel: appointment ids from MLLP and file drops share one namespace. */
    public static final String FEED = "hl7";

    private static final Map<String, EventKind> TRIGGERS = Map.of(
            "S12", EventKind.NEW, "S13", EventKind.RESCHEDULE, "S14", EventKind.MODIFY,
            "S15", EventKind.CANCEL, "S17", EventKind.DELETE, "S26", EventKind.NO_SHOW);
    /** SCH-25 values that make an S14 a cancellation: some systems cancel by modifying the status. */
    private static final Set<String> CANCELLED_STATUSES = Set.of("cancelled", "canceled", "deleted");

    private final SiuMapperConfig config;
    private final LocationZones locationZones;

    public SiuMapper(SiuMapperConfig config) {
        this.config = config;
        this.locationZones = new LocationZones(config.locationZones());
    }

    /**
     * @param messageText one message; CR, LF or CRLF segment separators
     * @param source      the channel, e.g. {@code mllp} or {@code hl7-file}
     * @param sourceRef   where it came from, free of PHI (e.g. {@code file.hl7#2}, see {@link SourceRefs}); the event's
     *                    reference is this and its MSH-10
     * @throws RejectedInputException when the message cannot become an event
     */
    public AppointmentEvent map(String messageText, String source, String sourceRef) {
        return mapText(single(messageText), source, sourceRef);
    }

    /**
     * One message of a file, as {@link Hl7Messages#split} cut it out (segments ended by CR, no
     * envelope, no blank line): it is not split again.
     *
     * @throws RejectedInputException when the message cannot become an event
     */
    public AppointmentEvent mapSplitMessage(NumberedMessage message, String source, String sourceRef) {
        return mapText(startingWithMsh(message.text()), source, sourceRef);
    }

    private AppointmentEvent mapText(String text, String source, String sourceRef) {
        Hl7Fields fields = new Hl7Fields(Hl7Segments.of(text));
        EventKind trigger = kind(fields);
        String status = fields.first(FILLER_STATUS_ID, FILLER_STATUS_TEXT);
        EventKind kind = trigger == EventKind.MODIFY && cancelled(status) ? EventKind.CANCEL : trigger;
        String appointmentId = appointmentId(fields);
        ZoneId zone = locationZone(fields);
        ZonedDateTime start = start(fields, kind, zone);
        Duration duration = SiuSchedule.duration(fields, start, zone, config.defaultZone());
        String type = fields.first(APPOINTMENT_REASON_TEXT, APPOINTMENT_REASON_ID, APPOINTMENT_TYPE_TEXT, APPOINTMENT_TYPE_ID);
        String controlId = fields.text(CONTROL_ID);
        return new AppointmentEvent(source, SourceRefs.hl7(sourceRef, controlId), FEED, appointmentId, kind,
                SiuPatient.identifiers(fields), null, null, start, duration, type,
                SiuResources.provider(fields), SiuResources.location(fields), status, controlId, SiuPatient.phone(fields),
                SiuPatient.language(fields));
    }

    private static String single(String messageText) {
        List<NumberedMessage> messages = Hl7Messages.split(messageText == null ? "" : messageText);
        if (messages.isEmpty()) {
            throw new RejectedInputException("MSH", "no HL7 message in the input");
        }
        if (messages.size() > 1) {
            throw new RejectedInputException("MSH", "more than one message in the input; split the batch first");
        }
        return startingWithMsh(messages.get(0).text());
    }

    /** Segments before a file's first MSH are cut out as a message of their own: rejected here. */
    private static String startingWithMsh(String text) {
        if (!text.startsWith("MSH")) {
            throw new RejectedInputException("MSH", "the message does not start with an MSH segment");
        }
        return text;
    }

    private static EventKind kind(Hl7Fields fields) {
        String code = fields.text(MESSAGE_CODE);
        String trigger = fields.text(TRIGGER_EVENT);
        if (code == null || !code.equalsIgnoreCase("SIU")) {
            throw new RejectedInputException("MSH-9", "not a scheduling message: " + printable(code, trigger));
        }
        EventKind kind = trigger == null ? null : TRIGGERS.get(trigger.toUpperCase(Locale.ROOT));
        if (kind == null) {
            throw new RejectedInputException("MSH-9", "unsupported scheduling event: " + printable(code, trigger)
                    + " (expected S12, S13, S14, S15, S17 or S26)");
        }
        return kind;
    }

    private static boolean cancelled(String status) {
        return status != null && CANCELLED_STATUSES.contains(status.toLowerCase(Locale.ROOT));
    }

    /** Message type for a reason text, only when it looks like one (MSH-9 of garbage could hold anything). */
    private static String printable(String code, String trigger) {
        String type = (code == null ? "" : code) + "^" + (trigger == null ? "" : trigger);
        return type.matches("[A-Za-z0-9]{0,3}\\^[A-Za-z0-9]{0,3}") ? type : "unrecognised message type";
    }

    private String appointmentId(Hl7Fields fields) {
        boolean placerFirst = config.idPreference() == AppointmentIdPreference.PLACER;
        String id = placerFirst
                ? fields.first(PLACER_APPOINTMENT_ID, FILLER_APPOINTMENT_ID)
                : fields.first(FILLER_APPOINTMENT_ID, PLACER_APPOINTMENT_ID);
        if (id == null) {
            throw new RejectedInputException("SCH-1/SCH-2", "missing appointment id (placer SCH-1 or filler SCH-2)");
        }
        return id;
    }

    private ZoneId locationZone(Hl7Fields fields) {
        if (locationZones.isEmpty()) {
            // no zone to look up; the first key is still read, so an unreadable AIL is rejected as with zones configured
            fields.text(LOCATION_POINT_OF_CARE);
            return null;
        }
        for (String key : SiuResources.locationKeys(fields)) {
            ZoneId zone = locationZones.zoneOf(key);
            if (zone != null) {
                return zone;
            }
        }
        return null;
    }

    /** A cancel is honoured even when its start is missing or garbled; other events need one. */
    private ZonedDateTime start(Hl7Fields fields, EventKind kind, ZoneId zone) {
        ZonedDateTime start;
        try {
            start = SiuSchedule.start(fields, zone, config.defaultZone());
        } catch (RejectedInputException e) {
            if (kind.withdraws()) {
                return null;
            }
            throw e;
        }
        if (start == null && !kind.withdraws()) {
            throw new RejectedInputException("TQ1-7/SCH-11.4", "missing appointment start");
        }
        return start;
    }
}
