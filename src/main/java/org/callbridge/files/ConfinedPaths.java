package org.callbridge.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Paths below a configured folder (an inbox, the rejected folder, the reports folder) that callbridge reads or writes
 * without following a symbolic link: the configured folder itself may be a link, as an administrator chose it, but
 * nothing below it may be, so a link planted in a folder can never lead a read or a write outside it. Each part is
 * checked as it is used; a part that is missing is created as a plain directory.
 */
public final class ConfinedPaths {
    private ConfinedPaths() {
    }

    /**
     * The directory {@code root/parts...}, created where missing.
     *
     * @throws UnsafePathException when a part below the root is a symbolic link or not a directory
     */
    public static Path directory(Path root, String... parts) throws IOException {
        Path dir = root.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        for (String part : parts) {
            Path next = dir.resolve(part).normalize();
            if (!dir.equals(next.getParent())) {
                throw new UnsafePathException("'" + LogSafe.text(part) + "' is not a folder name");
            }
            dir = next;
            BasicFileAttributes attributes = attributes(dir);
            if (attributes == null) {
                try {
                    Files.createDirectory(dir);
                    continue;
                } catch (FileAlreadyExistsException raced) {
                    attributes = attributes(dir);
                }
            }
            if (attributes != null && attributes.isSymbolicLink()) {
                throw new UnsafePathException(dir + " is a symbolic link; callbridge does not follow links below "
                        + root.toAbsolutePath().normalize());
            }
            if (attributes == null || !attributes.isDirectory()) {
                throw new UnsafePathException(dir + " is not a directory");
            }
        }
        return dir;
    }

    /** The directory {@code root/relative}, checked as {@link #directory(Path, String...)}; {@code relative} must stay below the root. */
    public static Path directory(Path root, Path relative) throws IOException {
        Path normalized = relative.normalize();
        if (normalized.isAbsolute() || normalized.startsWith("..")) {
            throw new UnsafePathException(relative + " is not below " + root);
        }
        String[] parts = new String[normalized.getNameCount()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = normalized.getName(i).toString();
        }
        if (parts.length == 1 && parts[0].isEmpty()) {
            parts = new String[0];
        }
        return directory(root, parts);
    }

    /** The directory that {@code target} goes into, below {@code root}, checked as {@link #directory(Path, String...)}. */
    public static Path parentOf(Path root, Path target) throws IOException {
        Path base = root.toAbsolutePath().normalize();
        Path parent = target.toAbsolutePath().normalize().getParent();
        if (parent == null || !parent.startsWith(base)) {
            throw new UnsafePathException(target + " is not below " + base);
        }
        return directory(base, base.relativize(parent));
    }

    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (java.nio.file.NoSuchFileException missing) {
            return null;
        }
    }
}
