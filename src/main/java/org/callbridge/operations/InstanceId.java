package org.callbridge.operations;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who this process is when it holds a lease: {@code callbridge.instance-id} when set, else the host name and a hash
 * of the installation folder, which stays the same when the process restarts, so a restarted instance takes its
 * own lease back at once instead of waiting out what its dead predecessor held. A lock on {@code work/instance.lock}
 * in the installation is held while the process runs: a second process started from the same installation cannot
 * take it and is named by host and process id instead, so two live processes never share a name.
 */
public final class InstanceId {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceId.class);
    /** Held for the life of the process: the lock goes with the channel. */
    private static FileChannel held;

    private InstanceId() {
    }

    /** The configured id, else one stable for the installation at {@code installation}. */
    public static synchronized String resolve(String configured, Path installation) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        Path dir = installation.toAbsolutePath().normalize();
        String stable = host() + "-" + hash(dir.toString());
        if (held != null && held.isOpen()) {
            return fallback(stable, "this process already runs an instance from " + dir);
        }
        try {
            Path lockFile = Files.createDirectories(dir.resolve("work")).resolve("instance.lock");
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return fallback(stable, "another process runs callbridge from " + dir);
            }
            held = channel;
            return stable;
        } catch (IOException e) {
            return fallback(stable, "the installation lock cannot be taken (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String fallback(String stable, String why) {
        String id = host() + "-" + ProcessHandle.current().pid();
        LOG.warn("{}: this instance is {} (not {}), which changes at each start; give each instance its own"
                + " " + org.callbridge.config.Keys.INSTANCE_ID.key(), why, id, stable);
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests: lets go of the installation lock this process holds. */
    static synchronized void release() throws IOException {
        if (held != null) {
            held.close();
            held = null;
        }
    }
}
