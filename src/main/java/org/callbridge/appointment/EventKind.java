package org.callbridge.appointment;

/** What a scheduling message or CSV row says happened to an appointment (SIU trigger events). */
public enum EventKind {
    /** S12, or a CSV row with a booked status. */
    NEW,
    /** S13: new time. */
    RESCHEDULE,
    /** S14: details changed (maybe the time). */
    MODIFY,
    /** S15, or a CSV row with a cancelled status. */
    CANCEL,
    /** S17. */
    DELETE,
    /** S26. */
    NO_SHOW;

    /** True for events that withdraw any reminder for the appointment. */
    public boolean withdraws() {
        return this == CANCEL || this == DELETE || this == NO_SHOW;
    }
}
