package org.callbridge.planning;

/** Why a call is placed; its slug appears in batch names. */
public enum CallFlow {
    /** A reminder before the appointment. */
    REMINDER("reminder"),
    /** A follow-up after a missed appointment. */
    NO_SHOW("noshow");

    private final String slug;

    CallFlow(String slug) {
        this.slug = slug;
    }

    /** Lower-case name used in batch names: {@code reminder}, {@code noshow}. */
    public String slug() {
        return slug;
    }
}
