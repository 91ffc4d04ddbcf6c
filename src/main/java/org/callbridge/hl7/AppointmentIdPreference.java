package org.callbridge.hl7;

import java.util.Locale;

/** Which SIU appointment id to take first when a message carries both: SCH-1 (placer) or SCH-2 (filler). */
public enum AppointmentIdPreference {
    PLACER,
    FILLER;

    /** Reads {@code placer} or {@code filler}, any case. */
    public static AppointmentIdPreference parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("appointment id preference must be placer or filler");
        }
    }
}
