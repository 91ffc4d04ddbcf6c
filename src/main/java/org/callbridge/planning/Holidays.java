package org.callbridge.planning;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.transform.recurrence.Frequency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local dates on which no reminder call is placed: everywhere, or at one location only. Read from a text file
 * ({@link #parseText}) or an iCalendar file ({@link #parseCalendar}, by the {@code .ics} name). Immutable; thread-safe.
 */
public final class Holidays {
    /** Longest holiday one calendar event may span. */
    static final int MAX_EVENT_DAYS = 366;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final Holidays NONE = new Holidays(Set.of(), Map.of(), List.of());

    /** A holiday every year from {@code first} on, by a yearly RRULE; {@code location} null: everywhere. */
    private record Yearly(Recur<LocalDate> recur, LocalDate first, int days, String location) {
    }

    private final Set<LocalDate> everywhere;
    private final Map<LocalDate, Set<String>> atLocations;
    private final List<Yearly> yearly;
    /** The yearly holidays expanded per year, as they are asked for: date to locations ({@code ""}: everywhere). */
    private final Map<Integer, Map<LocalDate, Set<String>>> expanded = new ConcurrentHashMap<>();

    private Holidays(Set<LocalDate> everywhere, Map<LocalDate, Set<String>> atLocations, List<Yearly> yearly) {
        this.everywhere = Set.copyOf(everywhere);
        Map<LocalDate, Set<String>> copy = new HashMap<>();
        atLocations.forEach((d, l) -> copy.put(d, Set.copyOf(l)));
        this.atLocations = Map.copyOf(copy);
        this.yearly = List.copyOf(yearly);
    }

    /** No holidays. */
    public static Holidays none() {
        return NONE;
    }

    /** These dates, everywhere (tests and tools). */
    public static Holidays of(Set<LocalDate> dates) {
        return new Holidays(dates, Map.of(), List.of());
    }

    /**
     * True when {@code localDate} is a holiday everywhere, or at {@code location} (compared trimmed and without case;
     * a null location is closed only on the holidays that apply everywhere).
     */
    public boolean closed(LocalDate localDate, String location) {
        if (localDate == null) {
            return false;
        }
        String where = key(location);
        if (everywhere.contains(localDate) || at(atLocations.get(localDate), where)) {
            return true;
        }
        if (yearly.isEmpty()) {
            return false;
        }
        Set<String> recurring = expanded.computeIfAbsent(localDate.getYear(), this::expand).get(localDate);
        return recurring != null && (recurring.contains("") || at(recurring, where));
    }

    /** Number of dates listed (a yearly holiday counts once). */
    public int size() {
        return everywhere.size() + atLocations.values().stream().mapToInt(Set::size).sum() + yearly.size();
    }

    private static boolean at(Set<String> locations, String where) {
        return locations != null && where != null && locations.contains(where);
    }

    private static String key(String location) {
        if (location == null) {
            return null;
        }
        String trimmed = location.trim();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }

    private Map<LocalDate, Set<String>> expand(int year) {
        Map<LocalDate, Set<String>> dates = new HashMap<>();
        LocalDate from = LocalDate.of(year, 1, 1);
        LocalDate to = LocalDate.of(year, 12, 31);
        for (Yearly y : yearly) {
            if (y.first().isAfter(to)) {
                continue;
            }
            List<LocalDate> starts;
            synchronized (y.recur()) {
                starts = y.recur().getDates(y.first(), from.minusDays(y.days()), to.plusDays(1));
            }
            for (LocalDate start : starts) {
                for (int i = 0; i < y.days(); i++) {
                    LocalDate d = start.plusDays(i);
                    if (d.getYear() == year && !d.isBefore(y.first())) {
                        dates.computeIfAbsent(d, k -> new HashSet<>()).add(y.location() == null ? "" : y.location());
                    }
                }
            }
        }
        return Map.copyOf(dates);
    }

    /** Reads an iCalendar file when its name ends in {@code .ics}, else a text file; both UTF-8. */
    static Holidays read(Path file) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return name.endsWith(".ics") ? parseCalendar(text) : parseText(text);
    }

    /**
     * One date a line, {@code 2026-12-25} (everywhere) or {@code 2026-12-24 Main Campus} (at that location only);
     * blank lines and lines starting with {@code #} are skipped.
     *
     * @throws IllegalArgumentException naming the line of a problem
     */
    public static Holidays parseText(String text) {
        Set<LocalDate> everywhere = new HashSet<>();
        Map<LocalDate, Set<String>> at = new HashMap<>();
        try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
            String line;
            int number = 0;
            while ((line = lines.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+", 2);
                LocalDate date;
                try {
                    date = LocalDate.parse(parts[0], DATE);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("line " + number + ": not a date such as 2026-12-25");
                }
                String location = parts.length > 1 ? key(parts[1]) : null;
                if (location == null) {
                    everywhere.add(date);
                } else {
                    at.computeIfAbsent(date, d -> new HashSet<>()).add(location);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Holidays(everywhere, at, List.of());
    }

    /**
     * The all-day events of an iCalendar file: each day from DTSTART to the day before DTEND (one day without DTEND),
     * at its LOCATION when it has one, every year when it has a yearly RRULE. Events with a time of day are not
     * holidays and are left out.
     *
     * @throws IllegalArgumentException naming the line of a syntax problem, or the event (counted from 1) of another
     */
    public static Holidays parseCalendar(String text) {
        Calendar calendar;
        try (Reader reader = new StringReader(text)) {
            calendar = new CalendarBuilder().build(reader);
        } catch (ParserException e) {
            throw new IllegalArgumentException("line " + e.getLineNo() + ": not valid iCalendar");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not valid iCalendar (" + e.getClass().getSimpleName() + ")");
        }
        Set<LocalDate> everywhere = new HashSet<>();
        Map<LocalDate, Set<String>> at = new HashMap<>();
        List<Yearly> yearly = new ArrayList<>();
        int number = 0;
        for (Component component : calendar.getComponents()) {
            if (!(component instanceof VEvent event)) {
                continue;
            }
            number++;
            Optional<DtStart<Temporal>> start = event.getProperty(Property.DTSTART);
            if (start.isEmpty()) {
                throw new IllegalArgumentException("event " + number + ": no DTSTART");
            }
            Temporal first = start.get().getDate();
            if (!(first instanceof LocalDate firstDay)) {
                continue;
            }
            int days = 1;
            Optional<DtEnd<Temporal>> end = event.getProperty(Property.DTEND);
            if (end.isPresent()) {
                if (!(end.get().getDate() instanceof LocalDate endDay)) {
                    throw new IllegalArgumentException("event " + number + ": DTEND of an all-day event must be a date");
                }
                long span = ChronoUnit.DAYS.between(firstDay, endDay);
                if (span < 1 || span > MAX_EVENT_DAYS) {
                    throw new IllegalArgumentException("event " + number + ": DTEND must be 1 to " + MAX_EVENT_DAYS
                            + " days after DTSTART (it is exclusive)");
                }
                days = (int) span;
            }
            String location = event.getProperty(Property.LOCATION).map(p -> key(((Property) p).getValue())).orElse(null);
            Optional<RRule<LocalDate>> rule = event.getProperty(Property.RRULE);
            if (rule.isPresent()) {
                Recur<LocalDate> recur = rule.get().getRecur();
                if (recur.getFrequency() != Frequency.YEARLY) {
                    throw new IllegalArgumentException("event " + number + ": only yearly recurrences (FREQ=YEARLY) are supported");
                }
                yearly.add(new Yearly(recur, firstDay, days, location));
                continue;
            }
            for (int i = 0; i < days; i++) {
                LocalDate d = firstDay.plusDays(i);
                if (location == null) {
                    everywhere.add(d);
                } else {
                    at.computeIfAbsent(d, k -> new HashSet<>()).add(location);
                }
            }
        }
        return new Holidays(everywhere, at, yearly);
    }
}
