package org.callbridge.results;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Reads a CSV summary back the way a consumer would, with plain Commons CSV. */
record CsvFiles(List<String> header, List<Map<String, String>> rows) {

    static CsvFiles read(Path file) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8, format)) {
            List<Map<String, String>> rows = parser.stream().map(CSVRecord::toMap).toList();
            return new CsvFiles(parser.getHeaderNames(), rows);
        }
    }

    Map<String, String> row(String callId) {
        return rows.stream().filter(r -> callId.equals(r.get("call_id"))).findFirst().orElseThrow();
    }
}
