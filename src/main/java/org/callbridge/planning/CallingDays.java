package org.callbridge.planning;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Parses the days calls are allowed on: {@code MON-FRI}, {@code MON,TUE,WED}, {@code MON-FRI,SUN}, {@code FRI-MON}. */
public final class CallingDays {

    private CallingDays() {
    }

    /**
     * The set of days the text names. Days are three-letter abbreviations or full English names, any case;
     * a range runs forward through the week, so {@code FRI-MON} is Friday to Monday.
     *
     * @param key the configuration key, for the error message
     */
    public static Set<DayOfWeek> parse(String key, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(key + ": no days given, expected e.g. MON-FRI or MON,WED,FRI");
        }
        EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String part : text.split(",")) {
            String[] ends = part.split("-", -1);
            if (ends.length > 2) {
                throw new IllegalArgumentException(key + ": '" + part.trim() + "' is not a day or a range of days");
            }
            DayOfWeek first = day(key, ends[0]);
            DayOfWeek last = ends.length == 2 ? day(key, ends[1]) : first;
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return Set.copyOf(days);
    }

    private static DayOfWeek day(String key, String token) {
        String t = token.trim().toUpperCase(Locale.ROOT);
        if (t.length() >= 3) {
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().startsWith(t)) {
                    return d;
                }
            }
        }
        throw new IllegalArgumentException(key + ": '" + token.trim() + "' is not a day of the week such as MON");
    }
}
