package org.callbridge.chaos;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.callbridge.Application;

/**
 * callbridge as an operator runs it, {@code java -cp ... org.callbridge.Application run --config FILE}, in its own JVM
 * (the test class path), started again after each hard kill. Each start writes its stdout and stderr to its own log.
 */
final class ChildProcess {
    /** Every child still running: a test JVM stopped half-way (Ctrl-C) leaves none behind holding its ports. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final Path workDir;
    private final Path config;
    private final List<Path> logs = new ArrayList<>();
    private Process process;
    private boolean expectedExit;

    ChildProcess(Path workDir, Path config) {
        this.workDir = workDir;
        this.config = config;
    }

    synchronized void start() throws IOException {
        Path log = workDir.resolve("logs").resolve("child-" + logs.size() + ".log");
        Files.createDirectories(log.getParent());
        logs.add(log);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath,
                Application.class.getName(), "run", "--config", config.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // the generated configuration is the whole configuration
        env.keySet().removeIf(name -> name.startsWith("CALLBRIDGE_"));
        expectedExit = false;
        process = builder.start();
        RUNNING.add(process);
    }

    /**
     * Waits until the current process writes a log line matching {@code pattern} (true), or the time is up or the
     * process ended (false). Used to aim a kill at a moment: a POST going out, an event being stored.
     */
    boolean awaitLogLine(Pattern pattern, long millis) throws IOException, InterruptedException {
        Path log;
        synchronized (this) {
            log = logs.get(logs.size() - 1);
        }
        long deadline = System.currentTimeMillis() + millis;
        long position = 0;
        StringBuilder partial = new StringBuilder();
        while (System.currentTimeMillis() < deadline && unexpectedExit() == null) {
            try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                if (file.length() > position) {
                    byte[] chunk = new byte[(int) (file.length() - position)];
                    file.seek(position);
                    file.readFully(chunk);
                    position += chunk.length;
                    partial.append(new String(chunk, StandardCharsets.UTF_8));
                    int newline;
                    while ((newline = partial.indexOf("\n")) >= 0) {
                        if (pattern.matcher(partial.substring(0, newline)).find()) {
                            return true;
                        }
                        partial.delete(0, newline + 1);
                    }
                }
            }
            Thread.sleep(2);
        }
        return false;
    }

    /** kill -9. */
    synchronized void kill() throws InterruptedException {
        expectedExit = true;
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("child " + process.pid() + " still alive 30 s after kill -9");
        }
        RUNNING.remove(process);
    }

    /** SIGTERM, as a service manager stops it; true when it exited within the time. */
    synchronized boolean stop(long seconds) throws InterruptedException {
        expectedExit = true;
        process.destroy();
        boolean stopped = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!stopped) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
        RUNNING.remove(process);
        return stopped;
    }

    /** A description of an exit nobody asked for (the process ended by itself), or null while all is well. */
    synchronized String unexpectedExit() {
        if (process == null || expectedExit || process.isAlive()) {
            return null;
        }
        return "callbridge exited by itself with code " + process.exitValue() + "; last lines:\n"
                + tail(logs.get(logs.size() - 1), 15);
    }

    int starts() {
        return logs.size();
    }

    List<Path> logs() {
        return List.copyOf(logs);
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
