package org.callbridge.planning;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The rules file ({@code callbridge.rules}, see {@link ReminderRules}), read again within a second of a change; a
 * reload that fails keeps the last good rules in force and logs a warning. Thread-safe.
 */
public final class RulesFile {
    private final WatchedFile<ReminderRules> file;
    private final ReminderRules fixed;

    private RulesFile(WatchedFile<ReminderRules> file, ReminderRules fixed) {
        this.file = file;
        this.fixed = fixed;
    }

    /**
     * Reads the file now and watches it from then on.
     *
     * @param setting     the key that names the file, for messages
     * @param defaultDays the calling days of a rule's calling window
     * @throws IllegalArgumentException naming the key, the file, and the rule and field of the problem
     */
    public static RulesFile load(Path file, String setting, Set<DayOfWeek> defaultDays) {
        return load(file, setting, defaultDays, WatchedFile.RECHECK, System::nanoTime);
    }

    /** Reads the file now and looks at it again at most once per {@code recheck} of the given clock. */
    static RulesFile load(Path file, String setting, Set<DayOfWeek> defaultDays, Duration recheck, LongSupplier nanoTime) {
        Set<DayOfWeek> days = Set.copyOf(defaultDays);
        return new RulesFile(WatchedFile.load(file, setting, f -> ReminderRules.read(f, days), recheck, nanoTime), null);
    }

    /** Fixed rules, no file (tests, and deployments without one: {@code of(ReminderRules.none())}). */
    public static RulesFile of(ReminderRules rules) {
        return new RulesFile(null, rules);
    }

    /** The rules as the file now says, after reading it again if it changed. */
    public ReminderRules current() {
        return file == null ? fixed : file.current();
    }
}
