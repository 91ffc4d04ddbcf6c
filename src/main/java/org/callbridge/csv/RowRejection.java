package org.callbridge.csv;

import org.callbridge.appointment.SourceRefs;

/**
 * One CSV row that could not become an event.
 *
 * @param fileName   the file it is in
 * @param lineNumber the line the row starts on, 1-based, the header being line 1
 * @param field      the column at fault (or "row", "csv"), never a cell value
 * @param reason     "column: what is wrong", free of PHI
 */
public record RowRejection(String fileName, long lineNumber, String field, String reason) {

    /** For a rejects report: {@code file.csv:7 start: expected ...}. */
    public String describe() {
        return SourceRefs.csvRow(fileName, lineNumber) + " " + reason;
    }
}
