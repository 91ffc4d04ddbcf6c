package org.callbridge.planning;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats instants the way the Calls API writes them: ISO 8601 in UTC with milliseconds. */
public final class ApiTime {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ApiTime() {
    }

    /** {@code 2026-12-02T14:00:00.000Z}; null for null (a call due now has no {@code scheduledAt}). */
    public static String format(Instant instant) {
        return instant == null ? null : ISO_MILLIS.format(instant);
    }
}
