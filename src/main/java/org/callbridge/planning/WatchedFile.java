package org.callbridge.planning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A file read into a value, and read again when its modification time or size changes, as the crosswalk is: the file
 * is looked at by {@link #current()} at most once per recheck (a look is a file-system call), and a reload that fails
 * keeps the last good value and logs a warning that names the setting and what was wrong, never a value of the file.
 * Thread-safe.
 *
 * @param <T> what the file reads as
 */
final class WatchedFile<T> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchedFile.class);
    /** How long {@link #current()} trusts the last look at the file. */
    static final Duration RECHECK = Duration.ofSeconds(1);

    /** Reads the whole file; a problem is an {@link IllegalArgumentException} whose message quotes nothing of it. */
    interface Reader<T> {
        T read(Path file) throws IOException;
    }

    private record Loaded<T>(FileTime modified, long size, T value) {
    }

    private final Path file;
    private final String setting;
    private final Reader<T> reader;
    private final long recheckNanos;
    private final LongSupplier nanoTime;
    private volatile Loaded<T> loaded;
    private volatile long checkedAt;

    private WatchedFile(Path file, String setting, Reader<T> reader, Loaded<T> loaded, Duration recheck, LongSupplier nanoTime) {
        this.file = file;
        this.setting = setting;
        this.reader = reader;
        this.loaded = loaded;
        this.recheckNanos = recheck.toNanos();
        this.nanoTime = nanoTime;
        this.checkedAt = nanoTime.getAsLong();
    }

    /**
     * Reads the file now and watches it from then on.
     *
     * @throws IllegalArgumentException naming the setting, the file and the problem (with its line) when it cannot be read
     */
    static <T> WatchedFile<T> load(Path file, String setting, Reader<T> reader, Duration recheck, LongSupplier nanoTime) {
        try {
            return new WatchedFile<>(file, setting, reader, read(file, reader), recheck, nanoTime);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(setting + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(setting + ": " + file + ": " + message(e));
        }
    }

    /** The value of the file as last read, after reading it again if it changed. */
    T current() {
        Loaded<T> last = loaded;
        long now = nanoTime.getAsLong();
        if (now - checkedAt < recheckNanos) {
            return last.value();
        }
        checkedAt = now;
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (attributes.lastModifiedTime().equals(last.modified()) && attributes.size() == last.size()) {
                return last.value();
            }
            synchronized (this) {
                if (loaded == last) {
                    loaded = read(file, reader);
                    LOG.info("{}: {} reloaded", setting, file);
                }
                return loaded.value();
            }
        } catch (IOException | UncheckedIOException e) {
            // e.g. the file is being replaced: keep answering from the last good one
            LOG.warn("{}: {} not reloaded, keeping the last good one: {}", setting, file, e.getClass().getSimpleName());
            return last.value();
        } catch (RuntimeException e) {
            LOG.warn("{}: {} not reloaded, keeping the last good one: {}", setting, file, message(e));
            return last.value();
        }
    }

    private static <T> Loaded<T> read(Path file, Reader<T> reader) throws IOException {
        BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
        T value = reader.read(file);
        return new Loaded<>(before.lastModifiedTime(), before.size(), value);
    }

    private static String message(RuntimeException e) {
        return e instanceof IllegalArgumentException && e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
