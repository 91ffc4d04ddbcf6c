package org.callbridge.appointment;

/**
 * The one failure type for input that cannot become an appointment event. The message is a
 * reason a person can act on and never carries PHI (no names, phones, birth dates).
 */
public class RejectedInputException extends RuntimeException {
    private final String field;

    public RejectedInputException(String field, String reason) {
        super(field == null ? reason : field + ": " + reason);
        this.field = field;
    }

    public RejectedInputException(String field, String reason, Throwable cause) {
        super(field == null ? reason : field + ": " + reason, cause);
        this.field = field;
    }

    /** The input field at fault (e.g. "SCH-11.4", "start"), or null when the whole input is. */
    public String field() {
        return field;
    }
}
