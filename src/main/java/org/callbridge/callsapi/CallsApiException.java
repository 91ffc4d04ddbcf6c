package org.callbridge.callsapi;

/**
 * Base of every Calls API failure. Messages carry the HTTP status, the API's message and its
 * request id; never the API key, never a request or response body.
 */
public class CallsApiException extends RuntimeException {
    private final int status;
    private final String requestId;

    public CallsApiException(int status, String message, String requestId, Throwable cause) {
        super(message + (status > 0 ? " (HTTP " + status + ")" : "") + (requestId == null ? "" : " [" + requestId + "]"), cause);
        this.status = status;
        this.requestId = requestId;
    }

    /** HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The API's request id from the error envelope, or null. */
    public String requestId() {
        return requestId;
    }
}
