package org.callbridge.hl7;

/**
 * Terser paths of every field the SIU mapper reads, in the canonical 2.5 structure. {@code /.}
 * finds a segment at any depth, so PID, AIL and AIP are found inside their groups. Paths with
 * {@code %d} take a 0-based repetition.
 */
final class SiuPaths {
    static final String MESSAGE_CODE = "/MSH-9-1";
    static final String TRIGGER_EVENT = "/MSH-9-2";
    static final String CONTROL_ID = "/MSH-10";

    static final String PLACER_APPOINTMENT_ID = "/.SCH-1-1";
    static final String FILLER_APPOINTMENT_ID = "/.SCH-2-1";
    static final String APPOINTMENT_REASON_TEXT = "/.SCH-7-2";
    static final String APPOINTMENT_REASON_ID = "/.SCH-7-1";
    static final String APPOINTMENT_TYPE_TEXT = "/.SCH-8-2";
    static final String APPOINTMENT_TYPE_ID = "/.SCH-8-1";
    static final String DURATION = "/.SCH-9";
    static final String DURATION_UNITS = "/.SCH-10-1";
    /** 2.3/2.4 start: SCH-11 timing quantity, component 4. */
    static final String SCH_START = "/.SCH-11-4";
    static final String FILLER_STATUS_ID = "/.SCH-25-1";
    static final String FILLER_STATUS_TEXT = "/.SCH-25-2";

    /** 2.5+ start, end and duration: TQ1-7, TQ1-8, TQ1-6 (quantity ^ units). */
    static final String TQ1_START = "/.TQ1-7";
    static final String TQ1_END = "/.TQ1-8";
    static final String TQ1_DURATION = "/.TQ1-6-1";
    static final String TQ1_DURATION_UNITS = "/.TQ1-6-2";

    static final String PID = "/.PID";
    static final int PID_IDENTIFIERS_FIELD = 3;
    static final int PID_HOME_PHONE_FIELD = 13;
    static final int PID_BUSINESS_PHONE_FIELD = 14;
    static final String PID_IDENTIFIER_ID = "/.PID-3(%d)-1";
    static final String PID_IDENTIFIER_AUTHORITY = "/.PID-3(%d)-4-1";
    static final String PID_IDENTIFIER_AUTHORITY_UNIVERSAL = "/.PID-3(%d)-4-2";
    static final String PID_IDENTIFIER_TYPE = "/.PID-3(%d)-5";
    /** PID-15 primary language: identifier (e.g. {@code es}), else text. */
    static final String PID_LANGUAGE_ID = "/.PID-15-1";
    static final String PID_LANGUAGE_TEXT = "/.PID-15-2";
    /** XTN components of a phone field (PID-13 or PID-14): format with field number, then 0-based repetition. */
    static final String PHONE_NUMBER = "/.PID-%d(%d)-1";
    static final String PHONE_EQUIPMENT = "/.PID-%d(%d)-3";
    static final String PHONE_COUNTRY = "/.PID-%d(%d)-5";
    static final String PHONE_AREA = "/.PID-%d(%d)-6";
    static final String PHONE_LOCAL = "/.PID-%d(%d)-7";
    static final String PHONE_UNFORMATTED = "/.PID-%d(%d)-12";

    static final String PROVIDER_ID = "/.AIP-3-1";
    static final String PROVIDER_FAMILY = "/.AIP-3-2";
    static final String PROVIDER_GIVEN = "/.AIP-3-3";
    static final String PROVIDER_PREFIX = "/.AIP-3-6";

    static final String LOCATION_POINT_OF_CARE = "/.AIL-3-1";
    static final String LOCATION_FACILITY = "/.AIL-3-4";
    static final String LOCATION_DESCRIPTION = "/.AIL-3-9";

    private SiuPaths() {
    }
}
