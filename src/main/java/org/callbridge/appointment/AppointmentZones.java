package org.callbridge.appointment;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The one rule for the zone of an appointment start, shared by the HL7 and CSV readers.
 * A local time is read in the configured zone (location, column or feed), else the default zone.
 * A time with an offset is an exact instant; it is expressed in the configured zone if there is
 * one, else in the default zone when that zone agrees with the offset at that instant, else in
 * the bare offset (the default zone is then evidently not the patient's).
 */
public final class AppointmentZones {
    private AppointmentZones() {
    }

    public static ZonedDateTime local(LocalDateTime time, ZoneId configured, ZoneId defaultZone) {
        return time.atZone(configured != null ? configured : defaultZone);
    }

    public static ZonedDateTime withOffset(OffsetDateTime time, ZoneId configured, ZoneId defaultZone) {
        if (configured != null) {
            return time.atZoneSameInstant(configured);
        }
        if (defaultZone.getRules().getOffset(time.toInstant()).equals(time.getOffset())) {
            return time.atZoneSameInstant(defaultZone);
        }
        return time.toZonedDateTime();
    }
}
