package org.callbridge.config;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.callbridge.csv.CsvFeedConfig;
import org.callbridge.csv.CsvField;
import org.callbridge.csv.CsvStartFormat;
import org.callbridge.csv.CsvStatuses;

/**
 * Reads each feed named in {@code callbridge.csv.feeds} from its {@code callbridge.csv.<feed>.*} keys
 * ({@link Keys.Section#CSV_FEED}). With no {@code column.*} key the default layout's columns apply; with any, exactly
 * the configured ones. A key under a feed's prefix that is not declared is a problem (a typo would go unnoticed).
 */
final class CsvFeedSettings {
    private CsvFeedSettings() {
    }

    static List<CsvFeedConfig> readAll(ConfigReader in, ZoneId defaultZone) {
        List<String> names = in.get(Keys.CSV_FEEDS);
        List<CsvFeedConfig> feeds = new ArrayList<>();
        for (String name : names == null ? List.<String>of() : names) {
            CsvFeedConfig feed = read(in, name, defaultZone, true);
            if (feed != null) {
                feeds.add(feed);
            }
        }
        return feeds;
    }

    static CsvFeedConfig read(ConfigReader in, String feed, ZoneId defaultZone, boolean inboxRequired) {
        if (!feed.matches("[A-Za-z0-9_-]+")) {
            in.problem(Keys.CSV_FEEDS.key(), Keys.CSV_FEEDS.key() + ": feed names are letters, digits, '-' and '_'");
            return null;
        }
        String prefix = Keys.CSV_FEED_INBOX.forFeed(feed).key().replace("inbox", "");
        unknownKeys(in, feed, prefix);
        Map<CsvField, String> columns = new EnumMap<>(CsvField.class);
        for (CsvField field : CsvField.values()) {
            Setting<String> column = column(feed, field);
            String header = in.get(column);
            if (header != null) {
                columns.put(field, header);
            } else if (in.raw(column.key()) != null) {
                in.problem(column.key(), column.key() + ": empty column name");
            }
        }
        if (columns.isEmpty()) {
            columns.putAll(CsvFeedConfig.defaults(defaultZone).columns());
        }
        Path inbox = inboxRequired ? in.require(Keys.CSV_FEED_INBOX.forFeed(feed)) : in.get(Keys.CSV_FEED_INBOX.forFeed(feed));
        Character delimiter = delimiter(in, Keys.CSV_FEED_DELIMITER.forFeed(feed));
        CsvStartFormat format = startFormat(in, feed, columns);
        String cancelled = in.get(Keys.CSV_FEED_CANCELLED_VALUES.forFeed(feed));
        String booked = in.get(Keys.CSV_FEED_BOOKED_VALUES.forFeed(feed));
        CsvStatuses statuses = cancelled != null || booked != null
                ? new CsvStatuses(list(booked), list(cancelled)) : CsvStatuses.defaults();
        ZoneId zone = in.get(Keys.CSV_FEED_TIMEZONE.forFeed(feed));
        if (format == null || delimiter == null || inbox == null && inboxRequired) {
            return null;
        }
        String columnKey = prefix + "column";
        Object valid = in.build(columnKey, () -> {
            CsvFeedConfig.validateColumns(columns, format, columnKey);
            return Boolean.TRUE;
        });
        return valid == null ? null : in.build(columnKey, () -> new CsvFeedConfig(feed, inbox, delimiter, columns, format, statuses,
                zone, defaultZone));
    }

    private static Setting<String> column(String feed, CsvField field) {
        Setting<String> template = Keys.CSV_FEED_COLUMN.forFeed(feed);
        return new Setting<>(template.key().replace("<field>", field.key()), template.section(), template.type(), null,
                template.description(), false);
    }

    private static void unknownKeys(ConfigReader in, String feed, String prefix) {
        Set<String> known = Settings.feedKeys(feed);
        for (String key : in.keys()) {
            if (key.startsWith(prefix + "column.") && !known.contains(key)) {
                String field = key.substring((prefix + "column.").length());
                in.problem(key, key + ": unknown field '" + field + "' (expected one of " + java.util.Arrays.stream(CsvField.values())
                        .map(CsvField::key).collect(Collectors.joining(", ")) + ")");
            } else if (key.startsWith(prefix) && !known.contains(key)) {
                in.problem(key, key + ": unknown key");
            }
        }
    }

    private static Character delimiter(ConfigReader in, Setting<String> setting) {
        String value = in.get(setting);
        String v = value.equals("\\t") || value.equalsIgnoreCase("tab") ? "\t" : value;
        if (v.length() != 1 || v.charAt(0) == '"' || v.charAt(0) == '\r' || v.charAt(0) == '\n') {
            in.problem(setting.key(), setting.key() + ": one character expected (or \\t / tab), not a quote or line break");
            return null;
        }
        return v.charAt(0);
    }

    private static CsvStartFormat startFormat(ConfigReader in, String feed, Map<CsvField, String> columns) {
        boolean split = columns.containsKey(CsvField.START_DATE) || columns.containsKey(CsvField.START_TIME);
        if (split) {
            Setting<String> dateKey = Keys.CSV_FEED_DATE_FORMAT.forFeed(feed);
            Setting<String> timeKey = Keys.CSV_FEED_TIME_FORMAT.forFeed(feed);
            String date = in.get(dateKey);
            String time = in.get(timeKey);
            CsvStartFormat d = checked(in, dateKey.key(), () -> CsvStartFormat.dateAndTime(date, "HH:mm"));
            CsvStartFormat t = checked(in, timeKey.key(), () -> CsvStartFormat.dateAndTime("yyyy-MM-dd", time));
            return d == null || t == null ? null : CsvStartFormat.dateAndTime(date, time);
        }
        Setting<String> dateTime = Keys.CSV_FEED_DATETIME_FORMAT.forFeed(feed);
        String pattern = in.get(dateTime);
        return pattern == null ? CsvStartFormat.iso() : checked(in, dateTime.key(), () -> CsvStartFormat.dateTime(pattern));
    }

    private static CsvStartFormat checked(ConfigReader in, String key, Supplier<CsvStartFormat> format) {
        try {
            return format.get();
        } catch (IllegalArgumentException | DateTimeException e) {
            in.problem(key, key + ": not a usable pattern for this column");
            return null;
        }
    }

    private static Set<String> list(String value) {
        return value == null ? Set.of() : Arrays.stream(value.split(",")).map(String::trim)
                .filter(v -> !v.isEmpty()).collect(Collectors.toSet());
    }
}
