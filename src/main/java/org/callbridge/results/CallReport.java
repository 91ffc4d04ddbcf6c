package org.callbridge.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.callsapi.model.Call;
import org.callbridge.outcome.Outcome;
import org.callbridge.outcome.OutcomeRules;

/**
 * One ended call as the Calls API returned it, with the source appointment it was placed for: what every report
 * sink (JSON file, CSV summary, webhook, HL7) writes. The appointment fields are all null for an unlinked call.
 *
 * @param call            the call JSON exactly as the API returned it
 * @param callId          the call's id ({@code id})
 * @param status          the call's final status ({@code completed}, {@code failed})
 * @param endedAt         {@code ended_at}; names the day a report is filed under (UTC)
 * @param source          the namespace of the appointment id ({@link AppointmentEvent#feed()}: {@code hl7}, {@code csv:<feed>})
 * @param appointmentId   the source's appointment id
 * @param mrn             the patient's medical record number, or null
 * @param mrnAuthority    the MRN's assigning authority when the source gave one, else null
 * @param patientId       the Calls API patient UUID (from the appointment, else from the call)
 * @param start           the appointment start with its zone
 * @param appointmentType the visit type text
 * @param outcome         the class of the patient's answer, decided once from the status and final report by the
 *                        configured {@link OutcomeRules}
 */
public record CallReport(
        JsonNode call,
        String callId,
        String status,
        Instant endedAt,
        String source,
        String appointmentId,
        String mrn,
        String mrnAuthority,
        String patientId,
        ZonedDateTime start,
        String appointmentType,
        Outcome outcome) {

    public CallReport {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(outcome, "outcome");
        call = call.deepCopy();
    }

    /** The report for a typed call, classed by {@code rules}; needs {@link Call#raw()}, the JSON the API returned. */
    public static CallReport of(Call call, AppointmentEvent appointment, OutcomeRules rules) {
        if (call.raw() == null) {
            throw new IllegalArgumentException("call " + call.id() + " carries no JSON as returned by the API");
        }
        return of(call.raw(), appointment, rules);
    }

    /** As {@link #of(JsonNode, AppointmentEvent, OutcomeRules)} with no answer rules ({@link OutcomeRules#none()}). */
    public static CallReport of(Call call, AppointmentEvent appointment) {
        return of(call, appointment, OutcomeRules.none());
    }

    /** As below with no answer rules: a completed call is {@code reached}, any other {@code unreached}. */
    public static CallReport of(JsonNode call, AppointmentEvent appointment) {
        return of(call, appointment, OutcomeRules.none());
    }

    /**
     * The report for a call JSON object as the API returned it, its outcome classed by {@code rules};
     * {@code appointment} null for an unlinked call.
     */
    public static CallReport of(JsonNode call, AppointmentEvent appointment, OutcomeRules rules) {
        String id = text(call, "id");
        if (id == null) {
            throw new IllegalArgumentException("call JSON has no id");
        }
        Instant ended = instant(call, "ended_at");
        if (ended == null) {
            throw new IllegalArgumentException("call " + id + " has not ended");
        }
        String callPatient = text(call.path("patient"), "patient_id");
        String status = text(call, "status");
        Outcome outcome = rules.classify(status, finalReportOf(call));
        if (appointment == null) {
            return new CallReport(call, id, status, ended, null, null, null, null, callPatient, null, null, outcome);
        }
        String authority = appointment.mrnAuthority();
        return new CallReport(call, id, status, ended, appointment.feed(), appointment.appointmentId(),
                appointment.mrn(), authority, appointment.patientId() != null ? appointment.patientId() : callPatient,
                appointment.start(), appointment.appointmentType(), outcome);
    }

    /** True when the call belongs to a known appointment. */
    public boolean linked() {
        return appointmentId != null;
    }

    /** The day the report is filed under: {@code ended_at} in UTC. */
    public LocalDate endedDate() {
        return endedAt.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** {@code final_report}, or null when the API gave none. */
    public JsonNode finalReport() {
        return finalReportOf(call);
    }

    /** The {@code final_report} of a call's JSON, or null when it has none. */
    static JsonNode finalReportOf(JsonNode call) {
        JsonNode report = call.get("final_report");
        return report == null || report.isNull() ? null : report;
    }

    /** {@code started_at}, or null for a call that never connected. */
    public Instant startedAt() {
        return instant(call, "started_at");
    }

    /** {@code duration} in seconds as the API computed it, else from the timestamps, else null. */
    public Long durationSeconds() {
        JsonNode duration = call.get("duration");
        if (duration != null && duration.isNumber()) {
            return duration.asLong();
        }
        Instant started = startedAt();
        return started == null ? null : Duration.between(started, endedAt).toSeconds();
    }

    /**
     * {@code {"call": <as returned>, "appointment": {source, appointment_id, mrn, start, type} | null,
     * "outcome": <wire name>}}.
     */
    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.set("call", call.deepCopy());
        json.put("outcome", outcome.wireName());
        if (!linked()) {
            json.putNull("appointment");
            return json;
        }
        ObjectNode appointment = json.putObject("appointment");
        appointment.put("source", source);
        appointment.put("appointment_id", appointmentId);
        appointment.put("mrn", mrn);
        appointment.put("start", start == null ? null : start.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        appointment.put("type", appointmentType);
        return json;
    }

    /** Ids, status and outcome only: the call JSON, MRN and start are PHI. */
    @Override
    public String toString() {
        return "CallReport[call=" + callId + " status=" + status + " outcome=" + outcome + " source=" + source
                + " appointment=" + appointmentId + "]";
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("call " + text(node, "id") + " has an unreadable " + field, e);
        }
    }
}
