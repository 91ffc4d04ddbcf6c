package org.callbridge.callsapi;

/** 401/403: the API key is missing or not accepted. Retrying will not help. */
public class UnauthorizedException extends CallsApiException {
    public UnauthorizedException(int status, String message, String requestId) {
        super(status, message, requestId, null);
    }
}
