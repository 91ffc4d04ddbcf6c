package org.callbridge.planning;

import java.time.LocalDate;
import java.util.Collection;

/**
 * The most calls one patient gets, across all appointments, touchpoints and retries: per local calendar day and per
 * seven consecutive local days (the FCC healthcare exemption allows one a day and three a week). Zero turns a cap off.
 *
 * @param perDay  calls per local day, 0: no cap
 * @param perWeek calls per seven consecutive local days, 0: no cap
 */
public record ContactCaps(int perDay, int perWeek) {

    public static final ContactCaps FCC = new ContactCaps(1, 3);

    public ContactCaps {
        if (perDay < 0 || perWeek < 0) {
            throw new IllegalArgumentException("a contact cap must not be negative");
        }
    }

    /** True when one more call on {@code day} keeps the patient within both caps, given the days of their other calls. */
    public boolean allows(Collection<LocalDate> placed, LocalDate day) {
        if (perDay > 0 && count(placed, day, day) + 1 > perDay) {
            return false;
        }
        if (perWeek > 0) {
            // every seven-day window that holds the day must keep room for it
            for (int back = 0; back < 7; back++) {
                LocalDate from = day.minusDays(back);
                if (count(placed, from, from.plusDays(6)) + 1 > perWeek) {
                    return false;
                }
            }
        }
        return true;
    }

    private static long count(Collection<LocalDate> placed, LocalDate from, LocalDate to) {
        return placed.stream().filter(d -> !d.isBefore(from) && !d.isAfter(to)).count();
    }
}
