package org.callbridge.hl7;


import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

import static org.callbridge.hl7.SiuPaths.*;

/** Reads the provider (AIP) and location (AIL) of an SIU appointment as display text. */
final class SiuResources {
    private SiuResources() {
    }

    /**
     * AIP-3 as a spoken name, prefix given family ("Dr. Evelyn Hart"); degree and suffix left out.
     * Without a name, the AIP-3.1 id; null without AIP.
     */
    static String provider(Hl7Fields fields) {
        StringJoiner name = new StringJoiner(" ");
        String family = fields.text(PROVIDER_FAMILY);
        String given = fields.text(PROVIDER_GIVEN);
        if (family == null && given == null) {
            return fields.text(PROVIDER_ID);
        }
        for (String part : new String[] {fields.text(PROVIDER_PREFIX), given, family}) {
            if (part != null) {
                name.add(part);
            }
        }
        return name.toString();
    }

    /** AIL-3 location description (PL.9), else point of care (PL.1), else facility (PL.4); null without one. */
    static String location(Hl7Fields fields) {
        return fields.first(LOCATION_DESCRIPTION, LOCATION_POINT_OF_CARE, LOCATION_FACILITY);
    }

    /** The codes a location-to-zone map is keyed by, most specific first: point of care, facility, description. */
    static List<String> locationKeys(Hl7Fields fields) {
        List<String> keys = new ArrayList<>();
        for (String path : new String[] {LOCATION_POINT_OF_CARE, LOCATION_FACILITY, LOCATION_DESCRIPTION}) {
            String key = fields.text(path);
            if (key != null) {
                keys.add(key);
            }
        }
        return keys;
    }
}
