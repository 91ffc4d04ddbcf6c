package org.callbridge.ingest;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import org.callbridge.files.ConfinedPaths;
import org.callbridge.files.LogSafe;
import org.callbridge.files.UnsafePathException;
import org.callbridge.store.ReadFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one inbox, as its file route takes them: what each file is before it is read ({@link #take}), and
 * where it goes after ({@link #finish}): {@code processed/<yyyyMMdd>/<name>-<HHmmssSSS>.<ext>}, the last extension
 * kept whole. Nothing is read or written through a symbolic link: a link in the inbox is moved to the rejected folder
 * as a link, unread, and a {@code processed} folder that is a link is not written into. A file that changed while
 * it was read stays in the inbox and is read again once it stops changing; one that changes after it was moved to
 * processed/ (its writer paused past the read-lock age, then wrote on) is moved back to be read again whole, and
 * said so in the log. Dedup stores nothing twice.
 */
public final class InboxFiles {
    private static final Logger LOG = LoggerFactory.getLogger(InboxFiles.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmssSSS");

    private final String channel;
    private final Path inbox;
    private final RejectedFolder rejected;
    private final String doneSuffix;
    private final Duration watchFor;
    private final Clock clock;
    private final ZoneId zone;
    private final IntakeCounters counters;
    private final ReadFiles watched;

    /**
     * @param channel    the rejected folder's sub-folder and the metrics' source, e.g. {@code hl7-file}
     * @param doneSuffix the done-file suffix the route waits for (e.g. {@code .done}), removed with the file; null for none
     * @param watchFor   how long a moved file is watched for a change that a paused writer would make
     * @param watched    where the moved files are watched from (the state database, so a restart watches on)
     */
    public InboxFiles(String channel, Path inbox, RejectedFolder rejected, String doneSuffix, Duration watchFor,
            Clock clock, ZoneId zone, IntakeCounters counters, ReadFiles watched) {
        this.watched = watched;
        this.channel = channel;
        this.inbox = inbox.toAbsolutePath().normalize();
        this.rejected = rejected;
        this.doneSuffix = doneSuffix == null || doneSuffix.isEmpty() ? null : doneSuffix;
        this.watchFor = watchFor;
        this.clock = clock;
        this.zone = zone;
        this.counters = counters;
    }

    public String channel() {
        return channel;
    }

    public Path inbox() {
        return inbox;
    }

    /** The file at {@code absolutePath}, as it is now: readable, or with the reason it is not read. */
    public InboxFile take(String absolutePath) {
        Path path = Path.of(absolutePath);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return new InboxFile(this, path, -1, null, "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        if (attributes.isSymbolicLink()) {
            return new InboxFile(this, path, -1, null, "a symbolic link" + target(path)
                    + "; links are not followed out of the inbox: drop the file itself");
        }
        if (!attributes.isRegularFile()) {
            return new InboxFile(this, path, -1, null, "not a regular file");
        }
        String unreadable = null;
        try (SeekableByteChannel probe = Files.newByteChannel(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // opened and closed: whether the file can be read at all
        } catch (AccessDeniedException e) {
            unreadable = "cannot be read: permission denied (give callbridge's user read access, then drop it again)";
        } catch (IOException e) {
            unreadable = "cannot be read (" + e.getClass().getSimpleName() + ")";
        }
        return new InboxFile(this, path, attributes.size(), attributes.lastModifiedTime(), unreadable);
    }

    /** Moves the file as it is into the rejected folder, the reason beside it. */
    Path reject(InboxFile file, String reason) {
        Path kept = rejected.moveIn(channel, file.path(), file.name() + ": " + reason);
        removeDoneFile(file);
        return kept;
    }

    /**
     * Moves a read file to processed/, once sure it did not change while it was read; a rejected file is already
     * gone. A file that changed stays in the inbox, to be read again once it stops changing.
     *
     * @throws FileChangedException when the file changed while it was read
     */
    public void finish(InboxFile file) throws IOException {
        if (file.settled()) {
            return;
        }
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(file.path(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            LOG.warn("{} file {} was removed from the inbox while it was read", channel, LogSafe.text(file.name()));
            return;
        }
        if (now.size() != file.size() || !now.lastModifiedTime().equals(file.modified())) {
            counters.changedWhileRead(channel);
            LOG.warn("{} file {} changed while it was read ({} bytes, now {}): it was still being written; it stays in"
                    + " the inbox and is read again once it stops changing", channel, LogSafe.text(file.name()),
                    file.size(), now.size());
            throw new FileChangedException(file.name());
        }
        Instant at = clock.instant();
        Path target;
        try {
            Path dir = ConfinedPaths.directory(inbox, "processed", DAY.format(at.atZone(zone)));
            target = dir.resolve(processedName(file.name(), TIME.format(at.atZone(zone))));
        } catch (UnsafePathException e) {
            LOG.error("{} file {}: not moved to processed/: {}", channel, LogSafe.text(file.name()), e.getMessage());
            rejected.moveIn(channel, file.path(), file.name() + ": read and stored, but not moved to processed/, which"
                    + " is a symbolic link or not a folder (" + e.getMessage() + "); remove it");
            removeDoneFile(file);
            return;
        }
        Files.move(file.path(), target, LinkOption.NOFOLLOW_LINKS);
        removeDoneFile(file);
        watched.watch(inbox.toString(), target.toString(), file.name(), file.size(), file.modified().toInstant(),
                at.plus(watchFor));
    }

    /**
     * Moves back to the inbox every file moved to processed/ within the watch time that has changed since it was
     * read, to be read again whole. Returns how many went back.
     */
    public int recheckProcessed() {
        int back = 0;
        for (ReadFiles.ReadFile moved : watched.watched(inbox.toString(), clock.instant())) {
            Path processed = Path.of(moved.processedPath());
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(processed, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException gone) {
                watched.forget(moved.id());
                continue;
            }
            // the store keeps times to the microsecond
            if (attributes.size() == moved.size() && attributes.lastModifiedTime().toInstant()
                    .truncatedTo(ChronoUnit.MICROS).equals(moved.modifiedAt().truncatedTo(ChronoUnit.MICROS))) {
                continue;
            }
            Path again = inbox.resolve(Files.exists(inbox.resolve(moved.originalName()), LinkOption.NOFOLLOW_LINKS)
                    ? processed.getFileName().toString() : moved.originalName());
            try {
                Files.move(processed, again, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                LOG.error("{} file {} changed after it was read ({} bytes, now {}) and could not be moved back to the"
                        + " inbox ({}): drop it again", channel, LogSafe.text(moved.originalName()), moved.size(),
                        attributes.size(), e.getClass().getSimpleName());
                continue;
            }
            watched.forget(moved.id());
            counters.changedAfterRead(channel);
            back++;
            LOG.warn("{} file {} changed after it was read ({} bytes, now {}): its writer paused longer than the read-lock"
                    + " age; moved back to the inbox as {} to be read again (rows already stored are not stored twice)."
                    + " Writers that pause should use done files (" + org.callbridge.config.Keys.INBOX_DONE_SUFFIX.key() + ")", channel,
                    LogSafe.text(moved.originalName()), moved.size(), attributes.size(),
                    LogSafe.text(again.getFileName().toString()));
        }
        return back;
    }

    /** {@code name} with {@code -<time>} before its last extension: {@code a.b-v2.4.hl7} becomes {@code a.b-v2.4-<time>.hl7}. */
    static String processedName(String name, String time) {
        int dot = name.lastIndexOf('.');
        if (dot <= 0) {
            return name + "-" + time;
        }
        return name.substring(0, dot) + "-" + time + name.substring(dot);
    }

    private void removeDoneFile(InboxFile file) {
        if (doneSuffix == null) {
            return;
        }
        try {
            Files.deleteIfExists(file.path().resolveSibling(file.name() + doneSuffix));
        } catch (IOException e) {
            LOG.warn("{} file {}: its done file could not be removed ({})", channel, LogSafe.text(file.name()),
                    e.getClass().getSimpleName());
        }
    }

    private static String target(Path link) {
        try {
            return " to " + Files.readSymbolicLink(link);
        } catch (IOException | UnsupportedOperationException e) {
            return "";
        }
    }

    /** The file changed while it was read: it stays in the inbox, to be read again whole once it stops changing. */
    public static final class FileChangedException extends IOException {
        FileChangedException(String name) {
            super("file changed while it was read: " + LogSafe.text(name));
        }
    }
}
