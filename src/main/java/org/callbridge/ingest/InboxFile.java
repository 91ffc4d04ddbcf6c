package org.callbridge.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;

/**
 * One file a file route was handed, as it was when taken: its size and modification time (to tell afterwards whether
 * it changed while it was read), and why it must not be read at all, if so (a symbolic link, not a regular file,
 * not readable). Once rejected it is settled: it no longer needs moving to processed/.
 */
public final class InboxFile {
    private final InboxFiles inbox;
    private final Path path;
    private final long size;
    private final FileTime modified;
    private final String unreadable;
    private volatile boolean settled;

    InboxFile(InboxFiles inbox, Path path, long size, FileTime modified, String unreadable) {
        this.inbox = inbox;
        this.path = path;
        this.size = size;
        this.modified = modified;
        this.unreadable = unreadable;
    }

    /** The file name as dropped (input: escape it before logging, see {@link org.callbridge.files.LogSafe}). */
    public String name() {
        return path.getFileName().toString();
    }

    public Path path() {
        return path;
    }

    long size() {
        return size;
    }

    FileTime modified() {
        return modified;
    }

    /** Why the file is not read (a link, not a regular file, not readable), or null when it may be read. */
    public String unreadableReason() {
        return unreadable;
    }

    /**
     * Opens the file itself, never the target of a link put in its place since it was taken. A read that fails
     * afterwards throws {@link ReadFailure}, so that it is told apart from failures to write elsewhere (a full disk
     * under the temporary folder), which keep the file for the next poll instead.
     */
    public InputStream open() throws IOException {
        return new FilterInputStream(Files.newInputStream(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new ReadFailure(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException e) {
                    throw new ReadFailure(e);
                }
            }
        };
    }

    /** Reading the dropped file itself failed. */
    public static final class ReadFailure extends IOException {
        ReadFailure(IOException cause) {
            super(cause.getClass().getSimpleName(), cause);
        }
    }

    /** Moves the file, unread or part read, into the rejected folder with the reason beside it; returns where it went. */
    public Path reject(String reason) {
        Path kept = inbox.reject(this, reason);
        settled = true;
        return kept;
    }

    boolean settled() {
        return settled;
    }
}
