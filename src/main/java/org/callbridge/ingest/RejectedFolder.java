package org.callbridge.ingest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;
import org.callbridge.files.ConfinedPaths;
import org.callbridge.files.LogSafe;

/**
 * Keeps rejected input under {@code callbridge.rejected.dir}: the input as received, and a
 * {@code .reason.txt} beside it that a person can act on. Names from input are sanitised and
 * nothing is written through a symbolic link, so nothing can be written outside the folder; the
 * reason's text is escaped, so input cannot forge a line of it.
 */
public final class RejectedFolder {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmssSSS").withZone(ZoneOffset.UTC);
    private final Path root;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public RejectedFolder(Path root, Clock clock) {
        this.root = root.toAbsolutePath().normalize();
        this.clock = clock;
    }

    /** Writes the input and its reason; returns the path of the kept input. */
    public Path keep(String channel, String name, byte[] content, String reason) {
        return keep(channel, name, out -> out.write(content), reason);
    }

    /**
     * Writes at most the first {@code limit} bytes of the input (input that is not HL7 at all need not be kept whole:
     * a flood of it must not fill the disk), saying in the reason how much was kept.
     */
    public Path keepAtMost(String channel, String name, byte[] content, int limit, String reason) {
        if (content.length <= limit) {
            return keep(channel, name, content, reason);
        }
        return keep(channel, name, out -> out.write(content, 0, limit),
                reason + " (the first " + limit + " of " + content.length + " bytes are kept)");
    }

    /** As {@link #keep(String, String, byte[], String)}, the input written by {@code content} (for input too big to hold). */
    public Path keep(String channel, String name, Content content, String reason) {
        try {
            Path dir = ConfinedPaths.directory(root, safe(channel));
            String base = STAMP.format(clock.instant()) + "-" + sequence.incrementAndGet() + "-" + safe(name);
            Path kept = dir.resolve(base);
            if (!kept.normalize().startsWith(root)) {
                throw new IllegalArgumentException("rejected file name escapes the rejected folder");
            }
            writeAtomically(kept, content);
            byte[] reasonText = (LogSafe.text(reason) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            writeAtomically(dir.resolve(base + ".reason.txt"), out -> out.write(reasonText));
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the rejected folder " + root, e);
        }
    }

    /**
     * Moves an inbox file that is not read (a symbolic link, a file that cannot be read) into the channel's folder as
     * it is (a link stays a link: its target is never read or copied), with the reason beside it.
     */
    public Path moveIn(String channel, Path file, String reason) {
        try {
            Path dir = ConfinedPaths.directory(root, safe(channel));
            String base = STAMP.format(clock.instant()) + "-" + sequence.incrementAndGet() + "-"
                    + safe(file.getFileName().toString());
            Path kept = dir.resolve(base);
            Files.move(file, kept, LinkOption.NOFOLLOW_LINKS);
            byte[] reasonText = (LogSafe.text(reason) + System.lineSeparator()).getBytes(StandardCharsets.UTF_8);
            writeAtomically(dir.resolve(base + ".reason.txt"), out -> out.write(reasonText));
            return kept;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move a file into the rejected folder " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    /** Letters, digits, dot, dash and underscore only; never empty, never a parent reference. */
    static String safe(String name) {
        String cleaned = name == null ? "" : name.replaceAll("[^A-Za-z0-9._-]", "_");
        cleaned = cleaned.replaceAll("^\\.+", "_");
        if (cleaned.isEmpty()) {
            cleaned = "input";
        }
        return cleaned.length() > 100 ? cleaned.substring(cleaned.length() - 100) : cleaned;
    }

    private static void writeAtomically(Path target, Content content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        // CREATE_NEW never opens an existing file or the target of a link planted at that name
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), 64 * 1024)) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Writes the kept input. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }
}
