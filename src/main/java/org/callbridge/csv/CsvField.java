package org.callbridge.csv;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The appointment fields a CSV feed can map to columns, with their property key and default column. */
public enum CsvField {
    APPOINTMENT_ID("appointment-id", "appointment_id"),
    MRN("mrn", "mrn"),
    PATIENT_ID("patient-id", "patient_id"),
    START("start", "start"),
    START_DATE("start-date", null),
    START_TIME("start-time", null),
    TIMEZONE("timezone", "timezone"),
    APPOINTMENT_TYPE("appointment-type", "appointment_type"),
    PROVIDER("provider", "provider"),
    LOCATION("location", "location"),
    STATUS("status", "status"),
    /** The patient's preferred language (optional). */
    LANGUAGE("language", "language");

    private final String key;
    private final String defaultColumn;

    CsvField(String key, String defaultColumn) {
        this.key = key;
        this.defaultColumn = defaultColumn;
    }

    /** The name in {@code callbridge.csv.<feed>.column.<key>}. */
    public String key() {
        return key;
    }

    /** The column of the default layout, or null when the default layout has none. */
    public String defaultColumn() {
        return defaultColumn;
    }

    /** The field of a property key, e.g. {@code start-date}. */
    public static CsvField ofKey(String key) {
        String wanted = key.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.key.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown field '" + key + "' (expected one of "
                        + Arrays.stream(values()).map(CsvField::key).collect(Collectors.joining(", ")) + ")"));
    }
}
