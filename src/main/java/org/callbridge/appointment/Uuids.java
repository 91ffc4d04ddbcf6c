package org.callbridge.appointment;

import java.util.Locale;
import java.util.regex.Pattern;

/** Recognises Calls API patient ids: canonical 8-4-4-4-12 hexadecimal UUIDs. */
public final class Uuids {
    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Uuids() {
    }

    public static boolean isUuid(String value) {
        return value != null && UUID.matcher(value).matches();
    }

    /** The UUID in lower case, the form the Calls API returns. */
    public static String canonical(String value) {
        return value.toLowerCase(Locale.ROOT);
    }
}
