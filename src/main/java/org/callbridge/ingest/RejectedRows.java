package org.callbridge.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rejected rows of one CSV file, in the order they came: written to a temporary file as they
 * come, so that a file with any number of bad rows holds none of them in memory. Read back with
 * {@link #forEach} once the file is read; {@link #close} deletes the temporary file.
 */
final class RejectedRows implements AutoCloseable {
    private Path spill;
    private DataOutputStream out;
    private long count;

    /** What a rejected row is read back as. */
    @FunctionalInterface
    interface Row {
        void accept(long lineNumber, String reason) throws IOException;
    }

    void add(long lineNumber, String reason) {
        try {
            if (out == null) {
                spill = Files.createTempFile("callbridge-rejected-rows-", ".bin");
                out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(spill), 64 * 1024));
            }
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            out.writeLong(lineNumber);
            out.writeInt(text.length);
            out.write(text);
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a rejected row aside", e);
        }
    }

    long count() {
        return count;
    }

    /** Every row added, in order; may be called more than once. */
    void forEach(Row row) throws IOException {
        if (count == 0) {
            return;
        }
        out.flush();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(spill), 64 * 1024))) {
            for (long i = 0; i < count; i++) {
                long line = in.readLong();
                byte[] text = new byte[in.readInt()];
                in.readFully(text);
                row.accept(line, new String(text, StandardCharsets.UTF_8));
            }
        } catch (EOFException e) {
            throw new IOException("the rejected rows kept aside are cut short", e);
        }
    }

    @Override
    public void close() {
        try {
            if (out != null) {
                out.close();
            }
            if (spill != null) {
                Files.deleteIfExists(spill);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the rejected rows kept aside", e);
        } finally {
            out = null;
            spill = null;
        }
    }
}
