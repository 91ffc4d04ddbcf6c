package org.callbridge.planning;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HolidaysTest {
    private static final String KEY = "callbridge.holidays";

    @TempDir
    Path dir;
    private long nanos;

    private Path write(String name, String content, Instant modified) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }

    private static LocalDate d(String text) {
        return LocalDate.parse(text);
    }

    @Test
    void should_close_a_listed_date_everywhere_and_a_located_one_only_there() {
        Holidays h = Holidays.parseText("""
                # closures 2026
                2026-12-25

                2026-12-24 Main Campus
                  2026-12-31   Dental North  \s
                """);

        assertThat(h.closed(d("2026-12-25"), "Anywhere")).isTrue();
        assertThat(h.closed(d("2026-12-25"), null)).isTrue();
        assertThat(h.closed(d("2026-12-24"), " main campus ")).isTrue();
        assertThat(h.closed(d("2026-12-24"), "Maui Clinic")).isFalse();
        assertThat(h.closed(d("2026-12-24"), null)).isFalse();
        assertThat(h.closed(d("2026-12-31"), "DENTAL NORTH")).isTrue();
        assertThat(h.closed(d("2026-12-26"), "Main Campus")).isFalse();
        assertThat(h.size()).isEqualTo(3);
        assertThat(Holidays.none().closed(d("2026-12-25"), null)).isFalse();
    }

    @Test
    void should_name_the_line_of_a_bad_date() {
        assertThatThrownBy(() -> Holidays.parseText("2026-12-25\n# ok\n2026-02-30 Main Campus\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 3: not a date such as 2026-12-25");
    }

    @Test
    void should_refuse_to_start_with_a_bad_file_naming_the_key_and_line() throws IOException {
        Path file = write("holidays.txt", "2026-12-25\nChristmas\n", Instant.parse("2026-11-01T00:00:00Z"));

        assertThatThrownBy(() -> HolidayCalendar.load(file, KEY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(KEY + ": ").hasMessageContaining("line 2").hasMessageNotContaining("Christmas");
        assertThatThrownBy(() -> HolidayCalendar.load(dir.resolve("missing.txt"), KEY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(KEY + ": cannot read");
    }

    @Test
    void should_read_all_day_events_of_a_calendar_with_exclusive_ends_locations_and_yearly_rules() {
        Holidays h = Holidays.parseCalendar("""
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//callbridge//test//EN\r
                BEGIN:VEVENT\r
                UID:1@test\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20261224\r
                DTEND;VALUE=DATE:20261227\r
                SUMMARY:Winter break\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:2@test\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20261120\r
                SUMMARY:Staff day\r
                LOCATION:Main Campus\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:3@test\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20250704\r
                DTEND;VALUE=DATE:20250705\r
                RRULE:FREQ=YEARLY\r
                SUMMARY:Independence Day\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:4@test\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20251127\r
                RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=4TH\r
                SUMMARY:Thanksgiving\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:5@test\r
                DTSTAMP:20260101T000000Z\r
                DTSTART:20261201T120000Z\r
                DTEND:20261201T130000Z\r
                SUMMARY:A meeting, not a holiday\r
                END:VEVENT\r
                END:VCALENDAR\r
                """);

        assertThat(h.closed(d("2026-12-24"), null)).isTrue();
        assertThat(h.closed(d("2026-12-26"), "Maui Clinic")).isTrue();
        assertThat(h.closed(d("2026-12-27"), null)).isFalse();
        assertThat(h.closed(d("2026-11-20"), "main campus")).isTrue();
        assertThat(h.closed(d("2026-11-20"), "Maui Clinic")).isFalse();
        assertThat(h.closed(d("2025-07-04"), null)).isTrue();
        assertThat(h.closed(d("2031-07-04"), null)).isTrue();
        assertThat(h.closed(d("2024-07-04"), null)).isFalse();
        assertThat(h.closed(d("2031-07-05"), null)).isFalse();
        assertThat(h.closed(d("2026-11-26"), null)).isTrue();
        assertThat(h.closed(d("2027-11-25"), null)).isTrue();
        assertThat(h.closed(d("2027-11-26"), null)).isFalse();
        assertThat(h.closed(d("2026-12-01"), null)).isFalse();
    }

    @Test
    void should_name_the_line_of_a_broken_calendar_and_refuse_other_recurrences() {
        assertThatThrownBy(() -> Holidays.parseCalendar("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nnonsense\r\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("line ");
        assertThatThrownBy(() -> Holidays.parseCalendar("""
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//callbridge//test//EN\r
                BEGIN:VEVENT\r
                UID:1@test\r
                DTSTAMP:20260101T000000Z\r
                DTSTART;VALUE=DATE:20261224\r
                RRULE:FREQ=WEEKLY\r
                END:VEVENT\r
                END:VCALENDAR\r
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("event 1").hasMessageContaining("yearly");
    }

    @Test
    void should_read_an_ics_file_by_its_name() throws IOException {
        Path file = write("closures.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1@t\r\n"
                + "DTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261225\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                Instant.parse("2026-11-01T00:00:00Z"));

        assertThat(HolidayCalendar.load(file, KEY).current().closed(d("2026-12-25"), "x")).isTrue();
    }

    @Test
    void should_reload_a_changed_file_and_keep_the_last_good_holidays_when_it_breaks() throws IOException {
        Path file = write("holidays.txt", "\uFEFF2026-12-25\n", Instant.parse("2026-11-01T00:00:00Z"));
        HolidayCalendar calendar = HolidayCalendar.load(file, KEY, WatchedFile.RECHECK, () -> nanos);
        assertThat(calendar.current().closed(d("2026-12-25"), null)).isTrue();

        write("holidays.txt", "2026-12-26\n", Instant.parse("2026-11-02T00:00:00Z"));
        assertThat(calendar.current().closed(d("2026-12-26"), null)).as("within the recheck interval").isFalse();
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(calendar.current().closed(d("2026-12-26"), null)).isTrue();
        assertThat(calendar.current().closed(d("2026-12-25"), null)).isFalse();

        write("holidays.txt", "not a date\n", Instant.parse("2026-11-03T00:00:00Z"));
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(calendar.current().closed(d("2026-12-26"), null)).isTrue();

        Files.delete(file);
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(calendar.current().closed(d("2026-12-26"), null)).isTrue();

        write("holidays.txt", "2027-01-01\n", Instant.parse("2026-11-04T00:00:00Z"));
        nanos += WatchedFile.RECHECK.toNanos();
        assertThat(calendar.current().closed(d("2027-01-01"), null)).isTrue();
    }
}
