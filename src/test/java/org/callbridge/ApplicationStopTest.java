package org.callbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.List;
import org.callbridge.testing.FreePorts;
import org.callbridge.testing.RunProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} stopped as a service manager stops it (SIGTERM): the routes stop and the application closes its state
 * database itself before the JVM exits (the H2 URL has DB_CLOSE_ON_EXIT=FALSE, so nothing else closes it).
 */
class ApplicationStopTest {
    @TempDir
    Path work;

    @Test
    void should_close_the_state_database_when_stopped_with_sigterm() throws Exception {
        int port = FreePorts.next();
        Path config = RunProcess.config(work, port);
        Path log = work.resolve("run.log");
        Process run = RunProcess.start(List.of(), config, work, log);
        try {
            RunProcess.awaitListening(port, run);

            run.destroy();

            assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("stopped within 30 s").isTrue();
        } finally {
            run.destroyForcibly();
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("State database at jdbc:h2:file:")
                .containsPattern("State database at .* closed");
    }

    @Test
    void should_take_its_own_lease_back_at_once_after_kill_9_and_settle_first() throws Exception {
        int port = FreePorts.next();
        Path config = RunProcess.config(work, port, "callbridge.management.port=");
        String first = runUntilKilled(config, port, work.resolve("first.log"));
        long restarted = System.nanoTime();
        String second;
        Path log = work.resolve("second.log");
        Process run = start(config, log);
        try {
            RunProcess.awaitListening(port, run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(log).contains("holds the outbox lease") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            second = Files.readString(log);
        } finally {
            run.destroy();
            run.waitFor(30, TimeUnit.SECONDS);
            run.destroyForcibly();
        }

        // the default lease ttl is two minutes: a new name would have waited it out
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - restarted)).isLessThan(60);
        String owner = instanceHolding(first);
        assertThat(instanceHolding(second)).isEqualTo(owner);
        assertThat(second.indexOf("start-up reconciliation")).isGreaterThan(second.indexOf("holds the outbox lease"));
    }

    private static String instanceHolding(String log) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("instance (\\S+) holds the outbox lease").matcher(log);
        assertThat(m.find()).as(log).isTrue();
        return m.group(1);
    }

    private String runUntilKilled(Path config, int port, Path log) throws Exception {
        Process run = start(config, log);
        try {
            RunProcess.awaitListening(port, run);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!Files.readString(log).contains("holds the outbox lease") && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            run.destroyForcibly(); // SIGKILL: no shutdown hook, the lease stays behind
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            run.destroyForcibly();
        }
        return Files.readString(log);
    }

    private Process start(Path config, Path log) throws IOException {
        return RunProcess.start(List.of(), config, work, log);
    }

}
