package org.callbridge.callsapi;

/**
 * The POST was sent but no answer came back (timeout, reset, closed connection): the batch may
 * or may not exist. Never post again blindly: look the campaign up by its name first.
 */
public class AmbiguousResultException extends CallsApiException {
    public AmbiguousResultException(String message, Throwable cause) {
        super(0, message, null, cause);
    }
}
