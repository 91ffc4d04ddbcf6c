package org.callbridge.appointment;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Reads a CSV feed's layout from {@code callbridge.csv.<feed>.*} keys: {@code inbox}, {@code delimiter},
 * {@code column.<field>}, {@code datetime-format}, {@code date-format}, {@code time-format},
 * {@code cancelled-values}, {@code booked-values}, {@code timezone}. With no {@code column.*} key
 * the default layout's columns apply; with any, exactly the configured ones. Every mistake is an
 * {@link IllegalArgumentException} whose one-line message starts with the key.
 */
final class CsvFeedProperties {
    private static final Set<String> KEYS = Set.of("inbox", "delimiter", "datetime-format", "date-format",
            "time-format", "cancelled-values", "booked-values", "timezone");

    private CsvFeedProperties() {
    }

    static CsvFeedConfig read(String feedName, Map<String, String> props, ZoneId defaultZone) {
        if (feedName == null || !feedName.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("callbridge.csv.feeds: feed names are letters, digits, '-' and '_'");
        }
        String prefix = "callbridge.csv." + feedName + ".";
        Map<String, String> own = new HashMap<>();
        Map<CsvField, String> columns = new EnumMap<>(CsvField.class);
        props.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                String name = key.substring(prefix.length());
                if (name.startsWith("column.")) {
                    columns.put(field(key, name.substring("column.".length())), required(key, value));
                } else if (KEYS.contains(name)) {
                    // a tab or space delimiter must survive: only other values are trimmed
                    own.put(name, value == null ? "" : name.equals("delimiter") ? value : value.trim());
                } else {
                    throw new IllegalArgumentException(key + ": unknown key");
                }
            }
        });
        if (columns.isEmpty()) {
            columns.putAll(CsvFeedConfig.defaults(defaultZone).columns());
        }
        boolean split = columns.containsKey(CsvField.START_DATE) || columns.containsKey(CsvField.START_TIME);
        CsvStartFormat format = startFormat(prefix, own, split);
        String inbox = own.get("inbox");
        CsvStatuses statuses = own.containsKey("cancelled-values") || own.containsKey("booked-values")
                ? new CsvStatuses(list(own.get("booked-values")), list(own.get("cancelled-values")))
                : CsvStatuses.defaults();
        return new CsvFeedConfig(feedName, inbox == null || inbox.isEmpty() ? null : Path.of(inbox),
                delimiter(prefix + "delimiter", own.getOrDefault("delimiter", ",")), columns, format, statuses,
                zone(prefix + "timezone", own.get("timezone")), defaultZone);
    }

    static List<CsvFeedConfig> readAll(Map<String, String> props, ZoneId defaultZone) {
        String feeds = props.getOrDefault("callbridge.csv.feeds", "");
        return Arrays.stream(feeds.split(",")).map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> read(name, props, defaultZone)).toList();
    }

    static Map<String, String> asMap(Properties props) {
        Map<String, String> map = new HashMap<>();
        props.stringPropertyNames().forEach(name -> map.put(name, props.getProperty(name)));
        return map;
    }

    private static CsvField field(String key, String name) {
        try {
            return CsvField.ofKey(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    private static String required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": empty column name");
        }
        return value.trim();
    }

    private static CsvStartFormat startFormat(String prefix, Map<String, String> own, boolean split) {
        if (split) {
            String date = own.getOrDefault("date-format", "yyyy-MM-dd");
            String time = own.getOrDefault("time-format", "HH:mm");
            checked(prefix + "date-format", () -> CsvStartFormat.dateAndTime(date, "HH:mm"));
            checked(prefix + "time-format", () -> CsvStartFormat.dateAndTime("yyyy-MM-dd", time));
            return CsvStartFormat.dateAndTime(date, time);
        }
        String pattern = own.get("datetime-format");
        return pattern == null || pattern.isEmpty()
                ? CsvStartFormat.iso()
                : checked(prefix + "datetime-format", () -> CsvStartFormat.dateTime(pattern));
    }

    private static CsvStartFormat checked(String key, Supplier<CsvStartFormat> format) {
        try {
            return format.get();
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException(key + ": not a usable pattern for this column");
        }
    }

    private static char delimiter(String key, String value) {
        String v = value.equals("\\t") || value.equalsIgnoreCase("tab") ? "\t" : value;
        if (v.length() != 1 || v.charAt(0) == '"' || v.charAt(0) == '\r' || v.charAt(0) == '\n') {
            throw new IllegalArgumentException(key + ": one character expected (or \\t / tab), not a quote or line break");
        }
        return v.charAt(0);
    }

    private static ZoneId zone(String key, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(key + ": unknown time zone '" + value + "'");
        }
    }

    private static Set<String> list(String value) {
        return value == null ? Set.of() : Arrays.stream(value.split(",")).map(String::trim)
                .filter(v -> !v.isEmpty()).collect(Collectors.toSet());
    }
}
