package org.callbridge.callsapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.callbridge.callsapi.model.PatientError;
import org.callbridge.retry.Backoff;

/** Turns a non-2xx response into the exception a route can tell apart. Reads only the API's own messages. */
final class ApiErrors {
    static final String NO_ONGOING_CALL = "There are no ongoing calls with that call ID";
    static final String NOT_HANGABLE = "Call was not in a status that could be hung up";

    private ApiErrors() {
    }

    static CallsApiException from(int status, JsonNode body, String retryAfterHeader, String operation) {
        JsonNode envelope = body.path("error");
        String message = firstText(envelope.path("message"), body.path("message"), operation + " failed");
        String requestId = envelope.path("requestId").isTextual() ? envelope.path("requestId").asText() : null;
        if (status == 429 || status >= 500) {
            return new TransientApiException(status, operation + ": " + message, requestId,
                    Backoff.retryAfter(retryAfterHeader, Instant.now()), null);
        }
        if (status == 401 || status == 403) {
            return new UnauthorizedException(status, operation + ": API key not accepted", requestId);
        }
        if (status == 404) {
            return new NotFoundException(operation + ": " + message, requestId);
        }
        if (status == 400) {
            if (body.path("errors").isArray()) {
                return new ValidationRejectedException(message, patientErrors(body.path("errors")));
            }
            if (body.path("patientIds").isArray()) {
                List<String> ids = new ArrayList<>();
                body.path("patientIds").forEach(id -> ids.add(id.asText()));
                return new MissingPhoneNumbersException(message, ids);
            }
            if (NO_ONGOING_CALL.equals(message)) {
                return new HangupRefusedException(HangupRefusedException.Reason.NO_ONGOING_CALL, message, requestId);
            }
            if (NOT_HANGABLE.equals(message)) {
                return new HangupRefusedException(HangupRefusedException.Reason.NOT_HANGABLE, message, requestId);
            }
            return new BadRequestException(operation + ": " + message, requestId);
        }
        return new CallsApiException(status, operation + ": " + message, requestId, null);
    }

    private static List<PatientError> patientErrors(JsonNode errors) {
        List<PatientError> result = new ArrayList<>();
        for (JsonNode e : errors) {
            List<String> reasons = new ArrayList<>();
            for (JsonNode fieldError : e.path("errors")) {
                reasons.add(fieldError.path("field").asText("patient") + ": " + fieldError.path("message").asText("invalid"));
            }
            if (reasons.isEmpty()) {
                reasons.add(e.path("message").asText("rejected by the Calls API"));
            }
            String patientId = e.path("patientId").isTextual() ? e.path("patientId").asText() : null;
            result.add(new PatientError(e.path("index").asInt(-1), patientId, reasons));
        }
        return result;
    }

    private static String firstText(JsonNode a, JsonNode b, String fallback) {
        if (a.isTextual()) {
            return a.asText();
        }
        return b.isTextual() ? b.asText() : fallback;
    }
}
