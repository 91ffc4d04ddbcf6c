package org.callbridge.outcome;

import java.util.Locale;

/**
 * The class of an ended call's result, as {@link OutcomeRules} decides it. The first four are answers the patient
 * gave; {@link #REACHED} is a completed call whose final report matched none of the answer rules;
 * {@link #UNREACHED} is a call that did not complete.
 */
public enum Outcome {
    CONFIRMED("confirmed", true),
    DECLINED("declined", true),
    RESCHEDULE_REQUESTED("reschedule-requested", true),
    OPTED_OUT("opted-out", true),
    REACHED("reached", false),
    UNREACHED("unreached", false);

    private final String wireName;
    private final boolean stopsProgram;

    Outcome(String wireName, boolean stopsProgram) {
        this.wireName = wireName;
        this.stopsProgram = stopsProgram;
    }

    /** The name in reports, HL7 and settings: {@code confirmed}, {@code reschedule-requested}, ... */
    public String wireName() {
        return wireName;
    }

    /** True when the patient answered (confirmed, declined, asked to reschedule, opted out): no more reminder calls. */
    public boolean stopsProgram() {
        return stopsProgram;
    }

    /** The class of a wire name (case-insensitive); IllegalArgumentException for any other text. */
    public static Outcome ofWireName(String name) {
        if (name != null) {
            String wanted = name.trim().toLowerCase(Locale.ROOT);
            for (Outcome outcome : values()) {
                if (outcome.wireName.equals(wanted)) {
                    return outcome;
                }
            }
        }
        throw new IllegalArgumentException("not an outcome class: " + name);
    }

    @Override
    public String toString() {
        return wireName;
    }
}
