package org.callbridge.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/** The textual formats of the Calls API: UUIDs and ISO 8601 timestamps with millisecond precision in UTC. */
final class WireFormats {

    private static final Pattern UUID = Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireFormats() {
    }

    /** Any 8-4-4-4-12 hex UUID: the API's own example ids (2222…) are not strictly version 4. */
    static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    static String timestamp(Instant instant) {
        return instant == null ? null : TIMESTAMP.format(instant);
    }

    /**
     * Reads an ISO 8601 date-time with an offset ("2024-01-01T00:00:00.000Z", "...+02:00") or a bare date,
     * taken as midnight UTC. A date-time without an offset is refused: its meaning would depend on the server zone.
     */
    static Optional<Instant> parseInstant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException notDateTime) {
            try {
                return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /** The API speaks in milliseconds; keeping instants at that precision makes filters agree with what clients saw. */
    static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
