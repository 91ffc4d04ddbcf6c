package org.callbridge.results;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * One day's CSV summary held in memory: the union of its columns in first-seen order and one row per call id.
 * Cells are stored as written (already escaped); empty cells are not stored, so a re-read row compares equal.
 */
final class CsvDayTable {
    /** RFC 4180: comma, double quotes, CRLF; the header is the file's first record. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180;
    private static final CSVFormat READ = FORMAT.builder().setHeader().setSkipHeaderRecord(true).get();

    private final String keyColumn;
    private final Set<String> columns;
    private final Map<String, Map<String, String>> rows = new LinkedHashMap<>();

    private CsvDayTable(String keyColumn, List<String> columns) {
        this.keyColumn = keyColumn;
        this.columns = new LinkedHashSet<>(columns);
    }

    /** The table in {@code file}, or an empty one with the given columns when the file does not exist yet. */
    static CsvDayTable read(Path file, List<String> leadingColumns) throws IOException {
        CsvDayTable table = new CsvDayTable(leadingColumns.get(0), leadingColumns);
        if (!Files.exists(file) || Files.size(file) == 0) {
            return table;
        }
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, READ)) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains(table.keyColumn)) {
                // not a summary this class wrote: refuse rather than overwrite someone's file
                throw new IOException(file.getFileName() + " has no " + table.keyColumn + " column; left as it is");
            }
            // the file's own order wins, so every column stays where a reader of the file found it; a leading
            // column the file lacks (one added since it was written) goes at the end
            table.columns.clear();
            table.columns.addAll(header);
            table.columns.addAll(leadingColumns);
            for (CSVRecord record : parser) {
                Map<String, String> row = new LinkedHashMap<>();
                header.forEach(column -> row.put(column, record.isSet(column) ? record.get(column) : null));
                table.put(row);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return table;
    }

    /** Adds or replaces the row of its key; new columns join at the end. True when the table changed. */
    boolean put(Map<String, String> row) {
        boolean newColumns = columns.addAll(row.keySet());
        Map<String, String> cells = new LinkedHashMap<>();
        row.forEach((column, value) -> {
            if (value != null && !value.isEmpty()) {
                cells.put(column, value);
            }
        });
        String key = cells.get(keyColumn);
        if (key == null) {
            throw new IllegalArgumentException("row without " + keyColumn);
        }
        return !cells.equals(rows.put(key, cells)) || newColumns;
    }

    int size() {
        return rows.size();
    }

    List<String> columns() {
        return List.copyOf(columns);
    }

    /** The whole file: header, then the rows in first-written order. */
    byte[] toCsv() throws IOException {
        StringWriter out = new StringWriter(256 * (rows.size() + 1));
        try (CSVPrinter printer = new CSVPrinter(out, FORMAT)) {
            printer.printRecord(columns);
            List<String> values = new ArrayList<>(columns.size());
            for (Map<String, String> row : rows.values()) {
                values.clear();
                columns.forEach(column -> values.add(row.get(column)));
                printer.printRecord(values);
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }
}
