package org.callbridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
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
    /** The demo's clock: Tuesday 1 December 2026, 10:00 in New York (inside every calling window). */
    static final Instant DEMO_NOW = ZonedDateTime.parse("2026-12-01T10:00:00-05:00[America/New_York]").toInstant();
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
                    .with(workSettings(work, simulator, mllpPort, managementPort));
            // kept running, the demo is looked at: the console is on, with a password made for this run
            String consolePassword = flags.keepRunning() ? newPassword() : null;
            if (consolePassword != null) {
                settings = settings.with(Map.of(Keys.CONSOLE_PASSWORD.key(), consolePassword));
            }
            Map<String, Integer> dropped = dropSamples(samples, work);
            Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), DEMO_NOW));
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
                Map<String, Long> acks = sendOverMllp(samples.resolve("hl7-mllp"), mllpPort);
                OutboxSummary summary = new OutboxSummary(runtime.database());
                boolean done = awaitCompletion(work, summary);
                new DemoReport(out).print(runtime, summary, simulator, dropped, acks, work, Duration.ofNanos(System.nanoTime() - started), done);
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

    private static Map<String, String> workSettings(Path work, CallsApiSimulator simulator, int mllpPort, int managementPort) {
        Map<String, String> values = new HashMap<>();
        values.put(Keys.API_URL.key(), simulator.baseUrl());
        values.put(Keys.HL7_MLLP_PORT.key(), Integer.toString(mllpPort));
        values.put(Keys.MANAGEMENT_PORT.key(), Integer.toString(managementPort));
        values.put(Keys.STATE_URL.key(), "jdbc:h2:file:" + work.resolve("state/callbridge").toAbsolutePath()
                + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        values.put(Keys.INBOX_HL7.key(), work.resolve("inbox/hl7").toString());
        values.put(Keys.INBOX_CSV.key(), work.resolve("inbox/csv").toString());
        values.put(Keys.CSV_FEED_INBOX.forFeed("dentrix").key(), work.resolve("inbox/dentrix").toString());
        values.put(Keys.REJECTED_DIR.key(), work.resolve("rejected").toString());
        values.put(Keys.REPORTS_DIR.key(), work.resolve("reports").toString());
        return values;
    }

    /** Copies the sample drops into the inboxes; returns files per inbox. */
    private static Map<String, Integer> dropSamples(Path samples, Path work) throws IOException {
        Map<String, Integer> dropped = new java.util.LinkedHashMap<>();
        dropped.put("HL7 files", copy(samples.resolve("hl7"), work.resolve("inbox/hl7")));
        dropped.put("CSV files", copy(samples.resolve("csv"), work.resolve("inbox/csv")));
        dropped.put("vendor CSV files", copy(samples.resolve("csv-vendor"), work.resolve("inbox/dentrix")));
        return dropped;
    }

    private static int copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        int n = 0;
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                // copy under a temporary name, then rename: the file route never sees half a file
                Path tmp = to.resolve("." + f.getFileName() + ".part");
                Files.copy(f, tmp);
                Files.move(tmp, to.resolve(f.getFileName()));
                n++;
            }
        }
        return n;
    }

    /** Sends each sample message in its own MLLP frame over one connection; returns ACK codes counted. */
    private static Map<String, Long> sendOverMllp(Path folder, int port) throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(folder)) {
            files = list.sorted().toList();
        }
        Map<String, Long> codes = new java.util.TreeMap<>();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream o = socket.getOutputStream();
            for (Path f : files) {
                o.write(0x0B);
                o.write(Files.readAllBytes(f));
                o.write(new byte[] {0x1C, 0x0D});
            }
            o.flush();
            InputStream in = socket.getInputStream();
            StringBuilder ack = new StringBuilder();
            for (int received = 0; received < files.size(); ) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                if (b == 0x1C) {
                    codes.merge(msa1(ack.toString()), 1L, Long::sum);
                    ack.setLength(0);
                    received++;
                } else if (b != 0x0B) {
                    ack.append((char) b);
                }
            }
        }
        return codes;
    }

    private static String msa1(String ack) {
        for (String segment : ack.split("\r")) {
            if (segment.startsWith("MSA|")) {
                return segment.split("\\|")[1];
            }
        }
        return "none";
    }

    private boolean awaitCompletion(Path work, OutboxSummary summary) throws Exception {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (inboxesEmpty(work) && summary.eventsWaiting() == 0 && summary.callsUnderWay() == 0
                    && summary.callsAwaitingResult() == 0 && summary.deliveriesPending() == 0
                    && !summary.resultsByStatus().isEmpty()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private static boolean inboxesEmpty(Path work) throws IOException {
        for (String inbox : List.of("inbox/hl7", "inbox/csv", "inbox/dentrix")) {
            try (Stream<Path> left = Files.list(work.resolve(inbox))) {
                if (left.anyMatch(Files::isRegularFile)) {
                    return false;
                }
            }
        }
        return true;
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
