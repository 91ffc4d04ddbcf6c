package org.callbridge.hl7;

import org.callbridge.appointment.RejectedInputException;



import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;

import static org.callbridge.hl7.SiuPaths.*;

/**
 * Reads when an SIU appointment starts and how long it lasts. Start: TQ1-7 (2.5+) when present,
 * else SCH-11.4 (2.3/2.4 senders, and many later ones). Duration is informational, so an odd
 * one is dropped rather than rejecting the appointment.
 */
final class SiuSchedule {
    private static final Duration LONGEST = Duration.ofDays(7);
    private static final Map<String, Long> UNIT_SECONDS = Map.ofEntries(
            Map.entry("S", 1L), Map.entry("SEC", 1L), Map.entry("SECS", 1L), Map.entry("SECOND", 1L), Map.entry("SECONDS", 1L),
            Map.entry("M", 60L), Map.entry("MIN", 60L), Map.entry("MINS", 60L), Map.entry("MINUTE", 60L), Map.entry("MINUTES", 60L),
            Map.entry("H", 3600L), Map.entry("HR", 3600L), Map.entry("HRS", 3600L), Map.entry("HOUR", 3600L), Map.entry("HOURS", 3600L),
            Map.entry("D", 86400L), Map.entry("DAY", 86400L), Map.entry("DAYS", 86400L));

    private SiuSchedule() {
    }

    /** The start, or null when neither field has one. */
    static ZonedDateTime start(Hl7Fields fields, ZoneId configuredZone, ZoneId defaultZone) {
        String tq1 = fields.text(TQ1_START);
        if (tq1 != null) {
            return Hl7DateTimes.parse(tq1, "TQ1-7", configuredZone, defaultZone);
        }
        String sch = fields.text(SCH_START);
        return sch == null ? null : Hl7DateTimes.parse(sch, "SCH-11.4", configuredZone, defaultZone);
    }

    /** SCH-9/SCH-10 (minutes by default), else TQ1-8 minus the start, else TQ1-6; null when none is usable. */
    static Duration duration(Hl7Fields fields, ZonedDateTime start, ZoneId configuredZone, ZoneId defaultZone) {
        Duration duration = amount(fields.text(DURATION), fields.text(DURATION_UNITS));
        if (duration == null && start != null) {
            duration = untilEnd(fields.text(TQ1_END), start, configuredZone, defaultZone);
        }
        if (duration == null) {
            duration = amount(fields.text(TQ1_DURATION), fields.text(TQ1_DURATION_UNITS));
        }
        return duration;
    }

    static Duration amount(String quantity, String units) {
        if (quantity == null) {
            return null;
        }
        Long unitSeconds = units == null ? Long.valueOf(60) : UNIT_SECONDS.get(units.toUpperCase(Locale.ROOT));
        if (unitSeconds == null) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(quantity).multiply(BigDecimal.valueOf(unitSeconds));
            return plausible(Duration.ofSeconds(seconds.longValueExact()));
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    private static Duration untilEnd(String end, ZonedDateTime start, ZoneId configuredZone, ZoneId defaultZone) {
        if (end == null) {
            return null;
        }
        try {
            return plausible(Duration.between(start, Hl7DateTimes.parse(end, "TQ1-8", configuredZone, defaultZone)));
        } catch (RejectedInputException e) {
            return null;
        }
    }

    private static Duration plausible(Duration d) {
        return d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0 ? null : d;
    }
}
