package org.callbridge.planning;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import org.callbridge.appointment.LocationZones;

/**
 * Decides which time zone a patient's calling window is evaluated in: the appointment's own region
 * (e.g. America/Chicago), else the zone configured for its location, else the default zone.
 */
public final class PatientZones {

    private final ZoneId defaultZone;
    private final LocationZones byLocation;

    /** @param byLocation location name to zone; names match as {@link LocationZones} matches them */
    public PatientZones(ZoneId defaultZone, Map<String, ZoneId> byLocation) {
        this.defaultZone = defaultZone;
        this.byLocation = new LocationZones(byLocation);
    }

    /** Parses {@code Main Campus=America/New_York;Maui Clinic=Pacific/Honolulu} (entries split by ';'). */
    public static Map<String, ZoneId> parseLocations(String key, String text) {
        Map<String, ZoneId> map = new HashMap<>();
        if (text == null || text.isBlank()) {
            return map;
        }
        for (String entry : text.split(";")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || entry.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException(key + ": '" + entry.trim() + "' is not location=zone");
            }
            map.put(entry.substring(0, eq).trim(), zone(key, entry.substring(eq + 1)));
        }
        return map;
    }

    private static ZoneId zone(String key, String value) {
        try {
            return ZoneId.of(value.trim());
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(key + ": '" + value.trim() + "' is not a time-zone id such as America/New_York");
        }
    }

    public ZoneId defaultZone() {
        return defaultZone;
    }

    /**
     * The zone for an appointment starting at {@code start} (may be null) at {@code location} (may be null).
     * A start with only an offset (or UTC) is not a region: the location or default zone is used, unless the
     * offset is non-zero and disagrees with the default zone, in which case the offset is the best fact there is.
     */
    public ZoneId zoneFor(ZonedDateTime start, String location) {
        // a fixed-offset zone (an offset, UTC, Etc/GMT+5) says nothing about where the patient lives
        if (start != null && !start.getZone().getRules().isFixedOffset()) {
            return start.getZone();
        }
        ZoneId mapped = byLocation.zoneOf(location);
        if (mapped != null) {
            return mapped;
        }
        if (start != null) {
            ZoneOffset given = start.getOffset();
            boolean agrees = defaultZone.getRules().getOffset(start.toInstant()).equals(given);
            if (!agrees && !given.equals(ZoneOffset.UTC)) {
                return given;
            }
        }
        return defaultZone;
    }
}
