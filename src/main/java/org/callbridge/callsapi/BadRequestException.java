package org.callbridge.callsapi;

/** A 400 that is not about individual patients (bad agent id, bad scheduledAt, bad parameters). Not retried. */
public class BadRequestException extends CallsApiException {
    public BadRequestException(String message, String requestId) {
        super(400, message, requestId, null);
    }
}
