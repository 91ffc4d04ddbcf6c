package org.callbridge.results;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.callbridge.files.ConfinedPaths;

/**
 * Whole-file replacement that a reader or a crash never sees half done: the content goes to a hidden temp file in
 * the target's directory, is forced to disk, then renamed over the target in one step, and the directory entry is
 * forced too. After a crash the target holds the old or the new content; at worst a hidden
 * {@code .<name>.*.tmp} file is left beside it. The target's folder is reached through no symbolic link below the
 * reports root ({@link ConfinedPaths}).
 */
final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Writes {@code target}, a file below {@code root}, reaching it through no symbolic link below the root. */
    static void write(Path root, Path target, byte[] content) throws IOException {
        Path dir = ConfinedPaths.parentOf(root, target);
        // createFile, not createTempFile: the report gets the umask's permissions, not 0600
        Path temp = Files.createFile(dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                ThreadLocalRandom.current().nextLong(), 36) + ".tmp"));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // a rename replaces a link planted at the target's name; it never writes through it
            Files.move(temp, dir.resolve(target.getFileName()), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }

    // the rename is durable only once the directory itself is on disk
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // some platforms (Windows) cannot open a directory; the rename is still atomic there
        }
    }
}
