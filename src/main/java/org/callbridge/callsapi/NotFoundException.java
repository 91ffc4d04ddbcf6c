package org.callbridge.callsapi;

/** 404: the call or campaign does not exist or belongs to another organization. */
public class NotFoundException extends CallsApiException {
    public NotFoundException(String message, String requestId) {
        super(404, message, requestId, null);
    }
}
