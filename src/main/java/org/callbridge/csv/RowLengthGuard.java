package org.callbridge.csv;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.LongSupplier;

/**
 * Bounds how much of a CSV file the parser may read for one record, so that a file without line breaks or with an
 * unclosed quote (which makes the rest of the file one cell) is rejected instead of being gathered into one string
 * until the heap runs out. It counts the characters handed to the parser since the parser's record count last
 * moved; past the bound, reading fails with {@link TooLong}. The parser reads ahead in blocks, so a record is
 * refused somewhat past the bound, never short of it.
 */
final class RowLengthGuard extends FilterReader {
    private final long maxChars;
    private LongSupplier records = () -> -1;
    private long lastRecord = -1;
    private long sinceRecord;

    /** Reading went past the bound within one record. */
    static final class TooLong extends IOException {
        TooLong(long maxChars) {
            super("a row longer than " + maxChars + " characters");
        }
    }

    RowLengthGuard(Reader in, long maxChars) {
        super(in);
        this.maxChars = maxChars;
    }

    /** From now on the count restarts whenever {@code recordCount} moves (the parser's record number). */
    void follow(LongSupplier recordCount) {
        this.records = recordCount;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            counted(1);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws TooLong {
        long record = records.getAsLong();
        if (record != lastRecord) {
            lastRecord = record;
            sinceRecord = 0;
        }
        sinceRecord += n;
        if (sinceRecord > maxChars) {
            throw new TooLong(maxChars);
        }
    }
}
