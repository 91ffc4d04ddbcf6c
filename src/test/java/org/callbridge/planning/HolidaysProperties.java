package org.callbridge.planning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A holidays text file closes exactly the dates it lists: everywhere, or at its location in any case and spacing. */
class HolidaysProperties {
    private static final List<String> LOCATIONS = List.of("Main Campus", "Dental North", "Maui Clinic");

    record Line(LocalDate date, String location) {
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.integers().between(0, 800).map(i -> LocalDate.of(2026, 1, 1).plusDays(i));
    }

    @Provide
    Arbitrary<List<Line>> lines() {
        return net.jqwik.api.Combinators.combine(dates(), Arbitraries.of(LOCATIONS).injectNull(0.4)).as(Line::new)
                .list().ofMaxSize(30);
    }

    @Property
    void a_date_is_closed_exactly_where_a_line_says(@ForAll("lines") List<Line> lines,
                                                     @ForAll("dates") LocalDate asked,
                                                     @ForAll("locationsAsked") String where) {
        String text = lines.stream().map(l -> l.date() + (l.location() == null ? "" : "  " + l.location() + " "))
                .collect(Collectors.joining("\n# a comment\n\n", "", "\n"));
        Holidays holidays = Holidays.parseText(text);

        boolean expected = lines.stream().anyMatch(l -> l.date().equals(asked)
                && (l.location() == null || where != null && l.location().equalsIgnoreCase(where.trim())));
        assertThat(holidays.closed(asked, where)).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> locationsAsked() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(LOCATIONS), Arbitraries.integers().between(0, 2))
                .as((l, variant) -> switch (variant) {
                    case 0 -> l;
                    case 1 -> l.toUpperCase(Locale.ROOT);
                    default -> " " + l.toLowerCase(Locale.ROOT) + " ";
                }).injectNull(0.2);
    }

    @Property
    void a_yearly_calendar_event_closes_its_day_in_every_later_year(@ForAll("dates") LocalDate first,
                                                                   @ForAll("years") int later) {
        String date = first.toString().replace("-", "");
        Holidays holidays = Holidays.parseCalendar("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n"
                + "UID:1@t\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:" + date + "\r\nRRULE:FREQ=YEARLY\r\n"
                + "END:VEVENT\r\nEND:VCALENDAR\r\n");
        LocalDate then = first.plusYears(later);

        // Feb 29 recurs only in leap years (RFC 5545 skips invalid dates)
        assertThat(holidays.closed(then, null)).isEqualTo(then.getDayOfMonth() == first.getDayOfMonth());
        assertThat(holidays.closed(then.plusDays(1), null)).isFalse();
        assertThat(holidays.closed(first.minusYears(1), null)).isFalse();
    }

    @Provide
    Arbitrary<Integer> years() {
        return Arbitraries.integers().between(0, 30);
    }
}
