package org.callbridge.planning;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The holidays file ({@code callbridge.holidays}, see {@link Holidays}), read again within a second of a change; a
 * reload that fails keeps the last good holidays and logs a warning. Thread-safe.
 */
public final class HolidayCalendar {
    private final WatchedFile<Holidays> file;
    private final Holidays fixed;

    private HolidayCalendar(WatchedFile<Holidays> file, Holidays fixed) {
        this.file = file;
        this.fixed = fixed;
    }

    /**
     * Reads the file now and watches it from then on.
     *
     * @param setting the key that names the file, for messages
     * @throws IllegalArgumentException naming the key, the file and the line of the problem
     */
    public static HolidayCalendar load(Path file, String setting) {
        return load(file, setting, WatchedFile.RECHECK, System::nanoTime);
    }

    /** Reads the file now and looks at it again at most once per {@code recheck} of the given clock. */
    static HolidayCalendar load(Path file, String setting, Duration recheck, LongSupplier nanoTime) {
        return new HolidayCalendar(WatchedFile.load(file, setting, Holidays::read, recheck, nanoTime), null);
    }

    /** Fixed holidays, no file (tests, and deployments without one: {@code of(Holidays.none())}). */
    public static HolidayCalendar of(Holidays holidays) {
        return new HolidayCalendar(null, holidays);
    }

    /** The holidays as the file now says, after reading it again if it changed. */
    public Holidays current() {
        return file == null ? fixed : file.current();
    }
}
