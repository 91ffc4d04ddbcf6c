package org.callbridge.csv;




import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The layout of one CSV feed: its name, inbox, delimiter, which column holds which field, how
 * starts and statuses are written and which zone local times are in.
 *
 * @param feedName    {@code default} or the name in {@code callbridge.csv.feeds}; events get feed {@code csv:<name>}
 * @param inbox       the drop folder, or null when configured elsewhere
 * @param delimiter   the cell separator
 * @param columns     the column (header name) of each mapped field
 * @param startFormat how starts are written
 * @param statuses    which statuses book and cancel
 * @param zone        the feed's zone for local times without a timezone column value, or null
 * @param defaultZone the zone otherwise ({@code callbridge.timezone})
 */
public record CsvFeedConfig(String feedName, Path inbox, char delimiter, Map<CsvField, String> columns,
                            CsvStartFormat startFormat, CsvStatuses statuses, ZoneId zone, ZoneId defaultZone) {

    public CsvFeedConfig {
        Objects.requireNonNull(feedName, "feedName");
        Objects.requireNonNull(startFormat, "startFormat");
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(defaultZone, "defaultZone");
        EnumMap<CsvField, String> copy = new EnumMap<>(CsvField.class);
        copy.putAll(columns);
        columns = Collections.unmodifiableMap(copy);
        validateColumns(columns, startFormat, "column");
    }

    /**
     * The default layout, feed {@code default}: {@code appointment_id, mrn | patient_id, start,
     * timezone, appointment_type, provider, location, status}, comma separated, ISO starts,
     * status {@code booked} or {@code cancelled}.
     */
    public static CsvFeedConfig defaults(ZoneId defaultZone) {
        Map<CsvField, String> columns = new EnumMap<>(CsvField.class);
        for (CsvField field : CsvField.values()) {
            if (field.defaultColumn() != null) {
                columns.put(field, field.defaultColumn());
            }
        }
        return new CsvFeedConfig("default", null, ',', columns, CsvStartFormat.iso(), CsvStatuses.defaults(), null, defaultZone);
    }

    /** The same layout reading from another inbox. */
    public CsvFeedConfig withInbox(Path folder) {
        return new CsvFeedConfig(feedName, folder, delimiter, columns, startFormat, statuses, zone, defaultZone);
    }

    /** The source and feed of this feed's events: {@code csv:<name>}. */
    public String feed() {
        return "csv:" + feedName;
    }

    /** The column of a field, or null when the feed does not map it. */
    public String column(CsvField field) {
        return columns.get(field);
    }

    /** Refuses a column map that cannot be read; each message starts with {@code key}, the prefix of the column keys. */
    public static void validateColumns(Map<CsvField, String> columns, CsvStartFormat format, String key) {
        if (!columns.containsKey(CsvField.APPOINTMENT_ID)) {
            throw new IllegalArgumentException(key + ".appointment-id: required");
        }
        if (!columns.containsKey(CsvField.MRN) && !columns.containsKey(CsvField.PATIENT_ID)) {
            throw new IllegalArgumentException(key + ".mrn or " + key + ".patient-id: one is required");
        }
        boolean split = columns.containsKey(CsvField.START_DATE) || columns.containsKey(CsvField.START_TIME);
        if (split && columns.containsKey(CsvField.START)) {
            throw new IllegalArgumentException(key + ".start: give either start or start-date and start-time");
        }
        if (split && !(columns.containsKey(CsvField.START_DATE) && columns.containsKey(CsvField.START_TIME))) {
            throw new IllegalArgumentException(key + (columns.containsKey(CsvField.START_DATE) ? ".start-time" : ".start-date")
                    + ": required with the other");
        }
        if (!split && !columns.containsKey(CsvField.START)) {
            throw new IllegalArgumentException(key + ".start: required (or start-date and start-time)");
        }
        if (split != format.split()) {
            throw new IllegalArgumentException(key + ".start: the start format does not match the start columns");
        }
    }
}
