package org.callbridge.hl7;


import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * How the SIU mapper reads a feed.
 *
 * @param idPreference  SCH-1 or SCH-2 first; the other is the fallback
 * @param locationZones zone of each location, keyed by AIL-3.1 point of care, AIL-3.4 facility or
 *                      AIL-3.9 description (first match wins, names matched as {@link LocationZones} does),
 *                      for times sent without an offset
 * @param defaultZone   zone of every other appointment ({@code callbridge.timezone})
 */
public record SiuMapperConfig(AppointmentIdPreference idPreference, Map<String, ZoneId> locationZones, ZoneId defaultZone) {

    public SiuMapperConfig {
        Objects.requireNonNull(idPreference, "idPreference");
        Objects.requireNonNull(defaultZone, "defaultZone");
        locationZones = locationZones == null ? Map.of() : Map.copyOf(locationZones);
    }

    /** Placer id first, no location zones. */
    public static SiuMapperConfig defaults(ZoneId defaultZone) {
        return new SiuMapperConfig(AppointmentIdPreference.PLACER, Map.of(), defaultZone);
    }
}
