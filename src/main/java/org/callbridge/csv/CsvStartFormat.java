package org.callbridge.csv;

import org.callbridge.appointment.AppointmentZones;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalQueries;
import java.util.Locale;

/**
 * How a CSV feed writes appointment starts: one date-time column (ISO 8601 by default, local or
 * with an offset) or a date column plus a time column with their own patterns. Patterns are
 * strict (no 30 February) and case-insensitive (AM, am).
 */
public final class CsvStartFormat {
    static final String ISO_EXPECTED = "yyyy-MM-ddTHH:mm, optionally with seconds and an offset";
    private static final ZonedDateTime SAMPLE = ZonedDateTime.of(2026, 12, 2, 14, 5, 7, 0, ZoneId.of("America/Chicago"));

    private final DateTimeFormatter dateTime;
    private final DateTimeFormatter date;
    private final DateTimeFormatter time;
    private final String expected;
    private final String expectedDate;
    private final String expectedTime;

    private CsvStartFormat(DateTimeFormatter dateTime, DateTimeFormatter date, DateTimeFormatter time,
                           String expected, String expectedDate, String expectedTime) {
        this.dateTime = dateTime;
        this.date = date;
        this.time = time;
        this.expected = expected;
        this.expectedDate = expectedDate;
        this.expectedTime = expectedTime;
    }

    /** ISO 8601: {@code 2026-12-02T10:30}, {@code 2026-12-02T10:30:00}, {@code 2026-12-02T10:30:00-05:00}. */
    public static CsvStartFormat iso() {
        return new CsvStartFormat(DateTimeFormatter.ISO_DATE_TIME, null, null, ISO_EXPECTED, null, null);
    }

    /** One column in a {@link DateTimeFormatter} pattern; it may carry an offset or a zone. */
    public static CsvStartFormat dateTime(String pattern) {
        DateTimeFormatter formatter = formatter(pattern, true);
        parseBest(formatter, formatter.format(SAMPLE)); // a pattern without date and time fails here
        return new CsvStartFormat(formatter, null, null, pattern, null, null);
    }

    /** A date column and a time column, e.g. {@code MM/dd/yyyy} and {@code h:mm a}. */
    public static CsvStartFormat dateAndTime(String datePattern, String timePattern) {
        DateTimeFormatter date = formatter(datePattern, true);
        DateTimeFormatter time = formatter(timePattern, false);
        LocalDate.from(date.parse(date.format(SAMPLE.toLocalDate())));
        LocalTime.from(time.parse(time.format(SAMPLE.toLocalTime())));
        return new CsvStartFormat(null, date, time, datePattern + " " + timePattern, datePattern, timePattern);
    }

    /** True when the start comes from a date and a time column. */
    public boolean split() {
        return dateTime == null;
    }

    /** The format a person should write, for rejection reasons; for split columns, date and time patterns. */
    public String expected() {
        return expected;
    }

    String expectedDate() {
        return expectedDate;
    }

    String expectedTime() {
        return expectedTime;
    }

    /** Reads a start column. @throws DateTimeException when it does not match */
    ZonedDateTime parse(String value, ZoneId configuredZone, ZoneId defaultZone) {
        TemporalAccessor parsed = parseBest(dateTime, value.trim());
        if (parsed instanceof ZonedDateTime zoned) {
            return zoned.getZone() instanceof ZoneOffset
                    ? AppointmentZones.withOffset(zoned.toOffsetDateTime(), configuredZone, defaultZone)
                    : zoned;
        }
        return AppointmentZones.local((LocalDateTime) parsed, configuredZone, defaultZone);
    }

    /** Reads a date column. @throws DateTimeException when it does not match */
    LocalDate parseDate(String value) {
        return LocalDate.from(date.parse(value.trim()));
    }

    /** Reads a time column. @throws DateTimeException when it does not match */
    LocalTime parseTime(String value) {
        return LocalTime.from(time.parse(value.trim()));
    }

    /** A ZonedDateTime when the text has an offset or zone, else a LocalDateTime (without parseBest's exception per local value). */
    private static TemporalAccessor parseBest(DateTimeFormatter formatter, String value) {
        TemporalAccessor parsed = formatter.parse(value);
        return parsed.query(TemporalQueries.zone()) != null ? ZonedDateTime.from(parsed) : LocalDateTime.from(parsed);
    }

    /** Strict and case-insensitive; the era defaults to AD so that {@code yyyy} works strictly. */
    private static DateTimeFormatter formatter(String pattern, boolean withDate) {
        DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern);
        if (withDate) {
            builder.parseDefaulting(ChronoField.ERA, 1);
        }
        return builder.toFormatter(Locale.US).withResolverStyle(ResolverStyle.STRICT);
    }
}
