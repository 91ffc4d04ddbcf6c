package org.callbridge.callsapi;

/** DELETE /calls/{id} refused: the call is unknown to us, or no longer in a status that can be hung up. */
public class HangupRefusedException extends CallsApiException {
    /** Why the API refused. */
    public enum Reason { NO_ONGOING_CALL, NOT_HANGABLE }

    private final Reason reason;

    public HangupRefusedException(Reason reason, String message, String requestId) {
        super(400, message, requestId, null);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
