package org.callbridge.csv;


import org.callbridge.appointment.RejectedInputException;







import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Iterator;

/**
 * Reads one CSV feed's file record by record (never the whole file in memory) and hands each row
 * on as an event or a rejection with its line number. Accepts a UTF-8 byte-order mark, quoted
 * cells with delimiters and line breaks, CRLF, blank lines. A header without a required column
 * rejects the whole file before any row; a bad row is rejected alone.
 */
public final class CsvAppointmentReader {
    /** The longest row read by default: far beyond any real appointment row, far below the heap. */
    public static final int DEFAULT_MAX_ROW_CHARS = 1 << 20;
    private final CsvFeedConfig config;
    private final CSVFormat format;
    private final int maxRowChars;

    public CsvAppointmentReader(CsvFeedConfig config) {
        this(config, DEFAULT_MAX_ROW_CHARS);
    }

    /** @param maxRowChars a row longer than this (the rest of the file, for an unclosed quote) stops the reading */
    public CsvAppointmentReader(CsvFeedConfig config, int maxRowChars) {
        this.config = config;
        this.maxRowChars = maxRowChars;
        this.format = CSVFormat.DEFAULT.builder()
                .setDelimiter(config.delimiter())
                .setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
    }

    /** Reads bytes in the given charset (UTF-8 for the default layout). */
    public CsvReadSummary read(InputStream in, Charset charset, String fileName, CsvRowHandler handler) {
        return read(new InputStreamReader(in, charset), fileName, handler);
    }

    /**
     * @throws RejectedInputException when the header row is unreadable or lacks a required column
     * @throws UncheckedIOException   when reading fails for a reason other than the content
     */
    public CsvReadSummary read(Reader reader, String fileName, CsvRowHandler handler) {
        RowLengthGuard guard = new RowLengthGuard(withoutByteOrderMark(reader), maxRowChars);
        try (CSVParser parser = open(guard)) {
            guard.follow(parser::getRecordNumber);
            CsvRowMapper mapper = new CsvRowMapper(config, CsvHeader.of(config, parser.getHeaderNames()));
            return readRows(parser, mapper, fileName, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private CSVParser open(Reader reader) throws IOException {
        try {
            return CSVParser.builder().setReader(reader).setFormat(format).get();
        } catch (RowLengthGuard.TooLong e) {
            throw new RejectedInputException("header", "header row longer than " + maxRowChars
                    + " characters: not a CSV file, or no line breaks");
        } catch (CSVException | IllegalArgumentException e) {
            throw new RejectedInputException("header", "unreadable header row");
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof RowLengthGuard.TooLong) {
                throw new RejectedInputException("header", "header row longer than " + maxRowChars
                        + " characters: not a CSV file, or no line breaks");
            }
            throw e.getCause() instanceof CSVException ? new RejectedInputException("header", "unreadable header row") : e;
        }
    }

    private CsvReadSummary readRows(CSVParser parser, CsvRowMapper mapper, String fileName, CsvRowHandler handler) {
        long rows = 0;
        long accepted = 0;
        long rejected = 0;
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            CSVRecord row;
            try {
                if (!records.hasNext()) {
                    return new CsvReadSummary(rows, accepted, rejected, true);
                }
                row = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof RowLengthGuard.TooLong) {
                    handler.rejected(new RowRejection(fileName, parser.getCurrentLineNumber() + 1, "csv", "csv: a row longer than "
                            + maxRowChars + " characters (an unclosed quote, or no line breaks); the rest of the file was not read"));
                    return new CsvReadSummary(rows, accepted, rejected + 1, false);
                }
                if (!(e.getCause() instanceof CSVException)) {
                    throw e;
                }
                // the parser cannot find the next record boundary: report where and stop
                handler.rejected(new RowRejection(fileName, parser.getCurrentLineNumber(), "csv",
                        "csv: malformed quoting (an unclosed quote or text after a closing quote); the rest of the file was not read"));
                return new CsvReadSummary(rows, accepted, rejected + 1, false);
            }
            if (blank(row)) {
                continue;
            }
            rows++;
            long line = parser.getCurrentLineNumber() - lineBreaksIn(row);
            try {
                handler.accepted(mapper.map(row, line, fileName));
                accepted++;
            } catch (RejectedInputException e) {
                handler.rejected(new RowRejection(fileName, line, e.field(), e.getMessage()));
                rejected++;
            }
        }
    }

    /** A row of empty cells (",,,," from spreadsheets) counts as a blank line. */
    private static boolean blank(CSVRecord row) {
        for (String value : row) {
            if (value != null && !value.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** The parser counts lines up to the end of a record; quoted line breaks inside it move its start back. */
    private static long lineBreaksIn(CSVRecord row) {
        long breaks = 0;
        for (String value : row) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == value.length() || value.charAt(i + 1) != '\n'))) {
                    breaks++;
                }
            }
        }
        return breaks;
    }

    public static Reader withoutByteOrderMark(Reader reader) {
        BufferedReader buffered = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        try {
            buffered.mark(1);
            if (buffered.read() != '\uFEFF') {
                buffered.reset();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffered;
    }
}
