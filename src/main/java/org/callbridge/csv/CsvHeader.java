package org.callbridge.csv;

import org.callbridge.appointment.RejectedInputException;



import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Where each mapped field is in a file, from its header row (names compared without case).
 * A file whose header lacks a required column is rejected before any row is read.
 */
final class CsvHeader {
    private final Map<CsvField, Integer> index = new EnumMap<>(CsvField.class);
    private final int width;

    private CsvHeader(int width) {
        this.width = width;
    }

    static CsvHeader of(CsvFeedConfig config, List<String> names) {
        CsvHeader header = new CsvHeader(names.size());
        for (Map.Entry<CsvField, String> mapped : config.columns().entrySet()) {
            int found = -1;
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i) != null && names.get(i).trim().equalsIgnoreCase(mapped.getValue())) {
                    if (found >= 0) {
                        throw new RejectedInputException("header", "column '" + mapped.getValue() + "' appears twice");
                    }
                    found = i;
                }
            }
            if (found >= 0) {
                header.index.put(mapped.getKey(), found);
            }
        }
        header.require(config, CsvField.APPOINTMENT_ID);
        if (config.startFormat().split()) {
            header.require(config, CsvField.START_DATE);
            header.require(config, CsvField.START_TIME);
        } else {
            header.require(config, CsvField.START);
        }
        if (!header.has(CsvField.MRN) && !header.has(CsvField.PATIENT_ID)) {
            throw new RejectedInputException("header", "missing required column: "
                    + String.join(" or ", config.columns().entrySet().stream()
                    .filter(e -> e.getKey() == CsvField.MRN || e.getKey() == CsvField.PATIENT_ID)
                    .map(Map.Entry::getValue).toList()));
        }
        return header;
    }

    private void require(CsvFeedConfig config, CsvField field) {
        if (!has(field)) {
            throw new RejectedInputException("header", "missing required column: " + config.column(field));
        }
    }

    boolean has(CsvField field) {
        return index.containsKey(field);
    }

    /** The column position of a field, or -1. */
    int position(CsvField field) {
        return index.getOrDefault(field, -1);
    }

    /** Number of columns of the header row. */
    int width() {
        return width;
    }
}
