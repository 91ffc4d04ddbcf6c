package org.callbridge;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.callbridge.config.Keys;
import org.callbridge.config.Settings;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatorFixtures;
import org.callbridge.store.OutboxSummary;

/**
 * {@code demo}: the whole flow on one machine. Starts the simulator, copies {@code sample-data/}
 * into a fresh work folder, runs the real routes (HL7 and CSV drops, HL7 over MLLP), waits until
 * every call has its final report, prints a summary and exits 0.
 */
final class DemoCommand {
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    int run(String[] args) throws Exception {
        CommandLine flags = CommandLine.parse(args, Set.of("--keep-running"));
        Path samples = Path.of("sample-data");
        if (!Files.isDirectory(samples)) {
            throw new IllegalArgumentException("sample-data/ not found: run the demo from the project folder");
        }
        Path work = Path.of("work", "demo-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(java.time.LocalDateTime.now()));
        Files.createDirectories(work);
        SimulatorFixtures fixtures = SimulatorFixtures.load(samples.resolve("simulator-fixtures.json"));
        long started = System.nanoTime();
        try (CallsApiSimulator simulator = CallsApiSimulator.start(fixtures, "127.0.0.1", 0)) {
            int mllpPort = freePort();
            int managementPort = freePort();
            Settings settings = Settings.load(samples.resolve("demo.properties"), Map.of())
                    .with(DemoSamples.workSettings(work, simulator.baseUrl(), mllpPort, managementPort));
            // kept running, the demo is looked at: the console is on, with a password made for this run
            String consolePassword = flags.keepRunning() ? newPassword() : null;
            if (consolePassword != null) {
                settings = settings.with(Map.of(Keys.CONSOLE_PASSWORD.key(), consolePassword));
            }
            Map<String, Integer> dropped = DemoSamples.drop(samples, work);
            Clock clock = DemoSamples.clock();
            out.printf("callbridge demo: simulator on %s, MLLP on 127.0.0.1:%d, health and metrics on http://127.0.0.1:%d/observe,"
                    + " work folder %s%n", simulator.baseUrl(), mllpPort, managementPort, work);
            try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings, clock)) {
                CountDownLatch stopped = new CountDownLatch(1);
                Thread hook = new Thread(() -> {
                    runtime.close();
                    stopped.countDown();
                });
                Runtime.getRuntime().addShutdownHook(hook);
                runtime.start();
                Map<String, Long> acks = DemoSamples.sendOverMllp(samples.resolve("hl7-mllp"), mllpPort);
                OutboxSummary summary = new OutboxSummary(runtime.database());
                boolean done = awaitCompletion(work, summary, clock);
                new DemoReport(out).print(runtime, summary, simulator, dropped, acks, work, Duration.ofNanos(System.nanoTime() - started), done,
                        clock.instant());
                if (flags.keepRunning()) {
                    out.printf("Console: http://127.0.0.1:%d/console/  user %s  password %s%n", managementPort,
                            Optional.ofNullable(settings.get(Keys.CONSOLE_USER.key())).orElse("admin"), consolePassword);
                    out.println("Routes and simulator keep running (--keep-running). Ctrl-C to stop.");
                    stopped.await();
                    return 0;
                }
                Runtime.getRuntime().removeShutdownHook(hook);
                return done ? 0 : 1;
            }
        }
    }

    private static boolean awaitCompletion(Path work, OutboxSummary summary, Clock clock) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (DemoSamples.finished(work, summary, clock.instant())) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** 96 random bits, URL-safe: typed once from the terminal into the browser's sign-in. */
    private static String newPassword() {
        byte[] bits = new byte[12];
        new java.security.SecureRandom().nextBytes(bits);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
