package org.callbridge.callsapi;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The API's timestamp form: ISO 8601 in UTC with milliseconds, {@code 2024-01-15T10:30:00.000Z}. */
public final class ApiTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ApiTime() {
    }

    /** The instant in the API's form; null stays null (a call due now has no scheduledAt). */
    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }
}
