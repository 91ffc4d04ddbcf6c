package org.callbridge.appointment;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The zones configured for locations ({@code callbridge.location-timezones}), looked up the same way when an
 * appointment is read and when its call is planned: names match ignoring case and surrounding spaces.
 */
public final class LocationZones {
    private final Map<String, ZoneId> byName = new HashMap<>();

    /** @param zones location name to zone, as configured */
    public LocationZones(Map<String, ZoneId> zones) {
        zones.forEach((name, zone) -> byName.put(normalize(name), zone));
    }

    /** The zone of this location, or null when none is configured for it (or the location is null). */
    public ZoneId zoneOf(String location) {
        return location == null ? null : byName.get(normalize(location));
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    private static String normalize(String location) {
        return location.trim().toLowerCase(Locale.ROOT);
    }
}
