package org.callbridge.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code callbridge run} in a process of its own, as a service manager starts it, on a work folder of a test. */
public final class RunProcess {
    private RunProcess() {
    }

    /**
     * Writes a configuration for {@code work}: an unreachable Calls API, the H2 file, the MLLP port and the folders,
     * then {@code extra} lines; returns the file.
     */
    public static Path config(Path work, int mllpPort, String... extra) throws IOException {
        List<String> lines = new ArrayList<>(List.of(
                "callbridge.api.url=http://127.0.0.1:9",
                "callbridge.api.key=run-process-test-key",
                "callbridge.agent-id=5f0c1e2a-7b3d-4c8e-9a1f-000000000001",
                "callbridge.state.url=jdbc:h2:file:" + work.resolve("state/callbridge").toAbsolutePath()
                        + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "callbridge.hl7.mllp.port=" + mllpPort,
                "callbridge.inbox.hl7=" + work.resolve("inbox/hl7"),
                "callbridge.inbox.csv=" + work.resolve("inbox/csv"),
                "callbridge.rejected.dir=" + work.resolve("rejected"),
                "callbridge.reports.dir=" + work.resolve("reports"),
                "callbridge.timezone=America/New_York"));
        lines.addAll(List.of(extra));
        lines.add("");
        Path config = work.resolve("callbridge.properties");
        Files.writeString(config, String.join("\n", lines), StandardCharsets.UTF_8);
        return config;
    }

    /** Starts {@code prefix... java -cp <test class path> org.callbridge.Application run --config FILE} in {@code work}. */
    public static Process start(List<String> prefix, Path config, Path work, Path log) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.callbridge.Application", "run", "--config", config.toString()));
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    /** Returns once the process listens for MLLP on {@code port}; fails if it ends first or takes over 60 s. */
    public static void awaitListening(int port, Process run) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!run.isAlive()) {
                throw new AssertionError("callbridge ended with exit code " + run.exitValue());
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("callbridge did not listen for MLLP within 60 s");
    }
}
