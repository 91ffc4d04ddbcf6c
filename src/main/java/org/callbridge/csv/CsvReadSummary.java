package org.callbridge.csv;

/**
 * What one CSV file held: data rows read (blank lines not counted), events handed on, rows rejected.
 * {@code complete} is false when malformed quoting stopped the reading early.
 */
public record CsvReadSummary(long rows, long accepted, long rejected, boolean complete) {
}
