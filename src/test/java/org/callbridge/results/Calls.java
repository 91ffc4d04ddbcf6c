package org.callbridge.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.callbridge.appointment.AppointmentEvent;
import org.callbridge.appointment.EventKind;
import org.callbridge.appointment.PatientIdentifier;
import org.callbridge.outcome.OutcomeRules;

/** Ended calls as the Calls API returns them, and the appointments they were placed for. */
final class Calls {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CALL_ID = "3f2b8c1e-9d4a-4e6b-8a7c-1b2c3d4e5f60";
    static final String PATIENT_ID = "22222222-2222-4222-8222-222222222222";

    private Calls() {
    }

    /** A completed call with the seed's fields, PHI included, ended 2024-01-15T10:35:45Z. */
    static ObjectNode completed(String callId, String finalReportJson) {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"id": "%s", "status": "completed", "phone_number": "+15555551234", "direction": "outbound",
                     "created_at": "2024-01-15T10:30:00.000Z", "started_at": "2024-01-15T10:30:15.000Z",
                     "ended_at": "2024-01-15T10:35:45.000Z", "final_report": %s,
                     "batch_id": "44444444-4444-4444-8444-444444444444", "agent_id": "55555555-5555-4555-8555-555555555555",
                     "duration": 330,
                     "patient": {"patient_id": "%s", "first_name": "John", "last_name": "Doe",
                                 "birth_date": "1990-01-01", "email": "john.doe@email.com", "phone_number": "+15555551234"},
                     "client_metadata": null}
                    """.formatted(callId, finalReportJson, PATIENT_ID));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode completed(String finalReportJson) {
        return completed(CALL_ID, finalReportJson);
    }

    /** The appointment of source {@code hl7}, id A-100, MRN MRN1 from authority HOSP. */
    static AppointmentEvent appointment() {
        return new AppointmentEvent("hl7-file", "test.hl7#1", "hl7", "A-100", EventKind.NEW,
                List.of(new PatientIdentifier("X9", "OTHER", "PI"), new PatientIdentifier("MRN1", "HOSP", "MR")),
                PATIENT_ID, "MRN1", LocalDateTime.parse("2024-01-16T10:30").atZone(ZoneId.of("America/New_York")),
                Duration.ofMinutes(30), "General Check Up", "Dr. Smith", "Main Campus", "Booked", "MSG1", "+15555551234");
    }

    static CallReport report(String finalReportJson) {
        return CallReport.of(completed(finalReportJson), appointment());
    }

    /** The answer rules of the defaults: {@code appointment_confirmed=true} is confirmed. */
    static final OutcomeRules RULES = OutcomeRules.of("appointment_confirmed=true", null, "reschedule_requested=true", null);

    /** A completed call of the appointment, classed by {@link #RULES}. */
    static CallReport classified(String finalReportJson) {
        return CallReport.of(completed(finalReportJson), appointment(), RULES);
    }

    static CallReport report(JsonNode call) {
        return CallReport.of(call, appointment());
    }
}
