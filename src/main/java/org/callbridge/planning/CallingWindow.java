package org.callbridge.planning;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Set;

/**
 * The hours and days calls may start, in the patient's local time: {@code [open, close)} on the allowed days,
 * always clamped to the TCPA hours 08:00–21:00.
 */
public record CallingWindow(LocalTime open, LocalTime close, Set<DayOfWeek> days) {

    /** TCPA: never before 08:00 local. */
    public static final LocalTime EARLIEST = LocalTime.of(8, 0);
    /** TCPA: never at or after 21:00 local. */
    public static final LocalTime LATEST = LocalTime.of(21, 0);

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("H:mm").withResolverStyle(ResolverStyle.STRICT);

    /** Clamps the hours to 08:00–21:00 and checks that some time is left on at least one day. */
    public CallingWindow {
        open = open.isBefore(EARLIEST) ? EARLIEST : open;
        close = close.isAfter(LATEST) ? LATEST : close;
        if (!open.isBefore(close)) {
            throw new IllegalArgumentException("calling window " + open + "-" + close + " leaves no time within 08:00-21:00");
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("calling window has no allowed days");
        }
        days = Set.copyOf(days);
    }

    /** Parses {@code HH:mm-HH:mm}; the key names the setting in error messages. */
    public static CallingWindow parse(String key, String hours, Set<DayOfWeek> days) {
        String[] ends = hours.split("-", -1);
        if (ends.length != 2) {
            throw new IllegalArgumentException(key + ": '" + hours + "' is not a window such as 09:00-19:00");
        }
        try {
            LocalTime open = LocalTime.parse(ends[0].trim(), CLOCK);
            LocalTime close = LocalTime.parse(ends[1].trim(), CLOCK);
            return new CallingWindow(open, close, days);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": '" + hours + "' is not a window such as 09:00-19:00");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage());
        }
    }

    /** True when a call may start at this instant in this zone. */
    public boolean contains(Instant t, ZoneId zone) {
        ZonedDateTime local = t.atZone(zone);
        LocalTime time = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !time.isBefore(open) && time.isBefore(close);
    }

    /** The instant itself when inside the window, else the next window opening after it. */
    public Instant earliestFrom(Instant t, ZoneId zone) {
        if (contains(t, zone)) {
            return t;
        }
        LocalDate date = t.atZone(zone).toLocalDate();
        // eight days reach every allowed weekday; a DST gap at the opening shifts it later but still inside
        for (int i = 0; i <= 8; i++) {
            LocalDate d = date.plusDays(i);
            if (days.contains(d.getDayOfWeek())) {
                Instant opening = ZonedDateTime.of(d, open, zone).toInstant();
                if (opening.isAfter(t) && contains(opening, zone)) {
                    return opening;
                }
            }
        }
        throw new IllegalStateException("no window opening within eight days of " + t + " in " + zone);
    }

    @Override
    public String toString() {
        return open + "-" + close + " " + days;
    }
}
