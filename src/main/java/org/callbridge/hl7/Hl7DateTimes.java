package org.callbridge.hl7;

import org.callbridge.appointment.RejectedInputException;

import org.callbridge.appointment.AppointmentZones;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads HL7 DTM/TS values used as appointment times: {@code YYYYMMDDHHMM[SS[.S[S[S[S]]]]][+/-ZZZZ]}.
 * A time of day is required (a date alone cannot be called about); the zone follows {@link AppointmentZones}.
 */
final class Hl7DateTimes {
    static final String EXPECTED = "expected YYYYMMDDHHMM[SS[.SSSS]][+/-ZZZZ]";
    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(\\d{2})?(?:\\.(\\d{1,4}))?(?:([+-])(\\d{2})(\\d{2}))?");

    private Hl7DateTimes() {
    }

    /**
     * @param field          the HL7 field named in a rejection (e.g. "TQ1-7")
     * @param configuredZone the location's zone, or null
     * @throws RejectedInputException when the value is not a usable date-time
     */
    static ZonedDateTime parse(String value, String field, ZoneId configuredZone, ZoneId defaultZone) {
        Matcher m = DTM.matcher(value.trim());
        if (!m.matches()) {
            throw new RejectedInputException(field, "unparseable appointment start, " + EXPECTED);
        }
        try {
            LocalDateTime local = LocalDateTime.of(num(m, 1), num(m, 2), num(m, 3), num(m, 4), num(m, 5),
                    m.group(6) == null ? 0 : num(m, 6), nanos(m.group(7)));
            if (m.group(8) == null) {
                return AppointmentZones.local(local, configuredZone, defaultZone);
            }
            int sign = m.group(8).equals("-") ? -1 : 1;
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * num(m, 9), sign * num(m, 10));
            return AppointmentZones.withOffset(OffsetDateTime.of(local, offset), configuredZone, defaultZone);
        } catch (DateTimeException e) {
            throw new RejectedInputException(field, "not a valid date-time, " + EXPECTED);
        }
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        return Integer.parseInt((fraction + "000000000").substring(0, 9));
    }
}
