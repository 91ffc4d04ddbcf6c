package org.callbridge.planning;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;

/** Reads one typed value from configuration properties; every failure is a one-line message naming the key. */
final class ConfigValues {

    private ConfigValues() {
    }

    /** The trimmed value, or the fallback when the key is missing or blank. */
    static String text(Map<String, String> props, String key, String fallback) {
        String value = props.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** An ISO 8601 duration that is zero or more. */
    static Duration duration(Map<String, String> props, String key, String fallback) {
        String value = text(props, key, fallback);
        Duration d;
        try {
            d = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not an ISO 8601 duration such as P1D or PT2H");
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(key + ": '" + value + "' must not be negative");
        }
        return d;
    }

    /** A time-zone id such as America/New_York. */
    static ZoneId zone(String key, String value) {
        try {
            return ZoneId.of(value.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(key + ": '" + value.trim() + "' is not a time-zone id such as America/New_York");
        }
    }

    /** A whole number within [min, max]. */
    static int integer(Map<String, String> props, String key, int fallback, int min, int max) {
        String value = text(props, key, Integer.toString(fallback));
        int n;
        try {
            n = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + value + "' is not a whole number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + ": " + n + " is outside " + min + ".." + max);
        }
        return n;
    }
}
