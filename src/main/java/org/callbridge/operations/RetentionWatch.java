package org.callbridge.operations;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.temporal.TemporalAmount;
import java.util.List;
import org.callbridge.store.Pruning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pruning run for a timer ({@code callbridge.retention.interval}): the finished work older than the retention goes
 * from the state database ({@link Pruning}), then the kept input files of the rejections it deleted go from the
 * rejected folder, each with the {@code .reason.txt} beside it.
 *
 * <p>A kept file is deleted only below the rejected folder: its path is normalized and must lie inside the folder, and
 * no folder between the two may be a symbolic link (the rejected folder itself may be one, as an administrator chose
 * it). Where the platform allows (Linux, macOS), the file is deleted through the folders opened one by one without
 * following links, so a link put in place meanwhile cannot lead the delete elsewhere either. A kept file that is itself
 * a link (an inbox link moved in as it was) is deleted as a link: what it points to is never touched. A file already
 * gone is fine. Nothing here logs a path or any input: only counts.
 */
public final class RetentionWatch {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionWatch.class);
    private static final String REASON_SUFFIX = ".reason.txt";

    private final Pruning pruning;
    private final TemporalAmount retention;
    private final TemporalAmount auditRetention;
    private final Path rejectedDir;

    /** What became of one file to delete. */
    enum Outcome { DELETED, MISSING, REFUSED, FAILED }

    public RetentionWatch(Pruning pruning, TemporalAmount retention, TemporalAmount auditRetention, Path rejectedDir) {
        this.pruning = pruning;
        this.retention = retention;
        this.auditRetention = auditRetention;
        this.rejectedDir = rejectedDir.toAbsolutePath().normalize();
    }

    /** Prunes once and deletes the kept files of the pruned rejections; returns what the store pruned. */
    public Pruning.Pruned runOnce() {
        Pruning.Pruned pruned = pruning.prune(retention, auditRetention);
        int[] outcomes = new int[Outcome.values().length];
        String failure = null;
        for (String kept : pruned.keptFiles()) {
            Path file = inside(kept);
            if (file == null) {
                outcomes[Outcome.REFUSED.ordinal()]++;
                continue;
            }
            // the reason beside it only if the kept file itself was not refused
            for (Path path : List.of(file, file.resolveSibling(file.getFileName() + REASON_SUFFIX))) {
                Outcome outcome;
                try {
                    outcome = delete(path);
                } catch (IOException | RuntimeException e) {
                    outcome = Outcome.FAILED;
                    failure = e.getClass().getSimpleName();
                }
                outcomes[outcome.ordinal()]++;
                if (outcome == Outcome.REFUSED) {
                    break;
                }
            }
        }
        LOG.info("retention: pruned {} appointment(s) ({} event(s), {} planned call(s)), {} call result(s),"
                + " {} sink delivery row(s), {} batch(es), {} rejection(s), {} read file(s), {} alert(s), {} audit record(s);"
                + " {} file(s) of the rejected folder deleted, {} already gone, {} refused (outside the rejected folder or behind a link),"
                + " {} failed", pruned.appointments(), pruned.appointmentEvents(), pruned.plannedCalls(),
                pruned.callResults(), pruned.sinkDeliveries(), pruned.callBatches(), pruned.rejections(),
                pruned.readFiles(), pruned.alerts(), pruned.audits(), outcomes[Outcome.DELETED.ordinal()],
                outcomes[Outcome.MISSING.ordinal()], outcomes[Outcome.REFUSED.ordinal()],
                outcomes[Outcome.FAILED.ordinal()]);
        if (outcomes[Outcome.REFUSED.ordinal()] + outcomes[Outcome.FAILED.ordinal()] > 0) {
            LOG.warn("retention: {} kept file(s) of pruned rejections were left where they are (outside the rejected"
                    + " folder or behind a link below it) and {} could not be deleted{}",
                    outcomes[Outcome.REFUSED.ordinal()], outcomes[Outcome.FAILED.ordinal()],
                    failure == null ? "" : " (last failure: " + failure + ")");
        }
        return pruned;
    }

    /** The kept file's path, normalized, if it lies below the rejected folder; else null. */
    private Path inside(String kept) {
        if (kept == null || kept.isEmpty()) {
            return null;
        }
        Path path;
        try {
            path = Path.of(kept).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            return null;
        }
        return path.startsWith(rejectedDir) && !path.equals(rejectedDir) ? path : null;
    }

    /** Deletes a file below the rejected folder without following a link on the way; {@code file} is normalized. */
    private Outcome delete(Path file) throws IOException {
        Path relative = rejectedDir.relativize(file);
        DirectoryStream<Path> root;
        try {
            root = Files.newDirectoryStream(rejectedDir);
        } catch (NoSuchFileException e) {
            return Outcome.MISSING;
        }
        try (root) {
            if (root instanceof SecureDirectoryStream<Path> secure) {
                return deleteBelow(secure, relative, 0);
            }
        }
        return checkedDelete(rejectedDir, relative);
    }

    /** Walks down the opened folders by name, never following a link, and deletes the last name. */
    private static Outcome deleteBelow(SecureDirectoryStream<Path> dir, Path relative, int index) throws IOException {
        Path name = relative.getName(index);
        BasicFileAttributes attributes;
        try {
            attributes = dir.getFileAttributeView(name, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException e) {
            return Outcome.MISSING;
        }
        if (index == relative.getNameCount() - 1) {
            if (attributes.isDirectory()) {
                return Outcome.REFUSED;
            }
            try {
                dir.deleteFile(name);
                return Outcome.DELETED;
            } catch (NoSuchFileException e) {
                return Outcome.MISSING;
            }
        }
        if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
            return Outcome.REFUSED;
        }
        SecureDirectoryStream<Path> next;
        try {
            next = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return Outcome.MISSING;
        } catch (IOException e) {
            return Outcome.REFUSED; // it became a link since it was looked at
        }
        try (next) {
            return deleteBelow(next, relative, index + 1);
        }
    }

    /**
     * Where folders cannot be opened as such (no {@link SecureDirectoryStream}): each folder on the way between
     * {@code root} and the file at {@code relative} checked not to be a link, then the delete.
     */
    static Outcome checkedDelete(Path root, Path relative) throws IOException {
        Path current = root;
        for (int i = 0; i < relative.getNameCount(); i++) {
            current = current.resolve(relative.getName(i));
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(current, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Outcome.MISSING;
            }
            boolean last = i == relative.getNameCount() - 1;
            if (last ? attributes.isDirectory() : attributes.isSymbolicLink() || !attributes.isDirectory()) {
                return Outcome.REFUSED;
            }
        }
        return Files.deleteIfExists(current) ? Outcome.DELETED : Outcome.MISSING;
    }
}
