package org.callbridge.chaos;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.callbridge.simulator.CallsApiSimulator;
import org.callbridge.simulator.SimulatedCall;
import org.callbridge.simulator.SimulatorFixtures;
import org.callbridge.testing.FreePorts;

/**
 * One randomized run: a generated clinic on the simulated Calls API (with faults), callbridge in a child JVM on a
 * fresh H2 file, inputs delivered in waves while the child is killed with {@code kill -9} and restarted at random
 * moments, then the last child runs until nothing is left to do, is stopped, and the invariants are checked.
 */
final class ChaosRun {
    static final String API_KEY = "chaos-key-7f3a9c2e51d8";
    static final String AGENT = "c4a05000-0000-4000-8000-00000000a9e1";
    private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(150);
    private static final Duration QUIET_LIMIT = Duration.ofSeconds(180);
    /**
     * Where a kill is aimed: null is a random moment; the others are log lines of the child, so the kill lands
     * between a POST and its commit, right after an event was stored and acknowledged, while a report is written,
     * after an answer was lost, during a planning cycle or after a batch was parked. While input still arrives,
     * ingest moments come first; afterwards, posting and reporting ones.
     */
    private static final List<Pattern> INGEST_MOMENTS = Arrays.asList(null, Pattern.compile("STORED event"),
            Pattern.compile("STORED event"), Pattern.compile("posting \\d+ call"), Pattern.compile("planning cycle"));
    private static final List<Pattern> LATER_MOMENTS = Arrays.asList(null, Pattern.compile("posting \\d+ call"),
            Pattern.compile("report written"), Pattern.compile("no answer to the POST"),
            Pattern.compile("Calls API unavailable|parked"));

    /** What a run gave: the violations (none when it passed) and what happened. */
    record Outcome(long seed, List<String> violations, String summary, Duration took, Path workDir) {
        boolean passed() {
            return violations.isEmpty();
        }
    }

    private final long seed;
    private final Path work;
    private final Random random;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicBoolean aborted = new AtomicBoolean();
    private final List<String> killedAt = Collections.synchronizedList(new ArrayList<>());
    private final List<Instant> killTimes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger flooded = new AtomicInteger();

    ChaosRun(long seed, Path baseDir) {
        this.seed = seed;
        this.work = baseDir.resolve("run-" + Long.toUnsignedString(seed, 16));
        this.random = new Random(seed ^ 0x5DEECE66DL);
    }

    Path workDir() {
        return work;
    }

    Outcome execute() throws Exception {
        long started = System.nanoTime();
        deleteTree(work);
        Files.createDirectories(work);
        ChaosScenario scenario = ChaosScenario.generate(seed, Instant.now(), 25 + random.nextInt(26));
        Path hl7Inbox = Files.createDirectories(work.resolve("inbox/hl7"));
        Path csvInbox = Files.createDirectories(work.resolve("inbox/csv"));
        DeliveryPlan plan = new DeliveryPlan(scenario, new Random(seed * 31 + 7), hl7Inbox, csvInbox);
        String faults = faults();
        String summary;
        try (CallsApiSimulator simulator = CallsApiSimulator.start(SimulatorFixtures.parse(ChaosConfig.fixtures(scenario,
                faults, random)), "127.0.0.1", 0)) {
            int mllpPort = FreePorts.next();
            Path config = ChaosConfig.write(work, scenario, simulator.baseUrl(), mllpPort, random);
            String url = ChaosConfig.stateUrl(work);
            ChildProcess child = new ChildProcess(work, config);
            child.start();
            int plannedKills = 3 + random.nextInt(3);
            AtomicBoolean delivered = new AtomicBoolean();
            ExecutorService pool = Executors.newCachedThreadPool();
            try {
                Future<?> monkey = pool.submit(() -> killAndRestart(child, plannedKills, delivered));
                try {
                    deliver(plan, mllpPort, pool, child);
                } catch (Exception e) {
                    fail("delivery failed: " + (e instanceof ExecutionException ? e.getCause() : e));
                } finally {
                    delivered.set(true);
                }
                monkey.get(120, TimeUnit.SECONDS);
                if (violations.isEmpty()) {
                    awaitQuiet(scenario, url, simulator, child, mllpPort);
                }
            } finally {
                pool.shutdownNow();
                if (!child.stop(30)) {
                    fail("callbridge did not stop within 30 s of SIGTERM");
                }
            }
            List<SimulatedCall> calls = simulator.calls();
            // checked even when the run did not finish: the violations then say what went wrong
            try {
                Outbox.Snapshot outbox = Outbox.read(url);
                violations.addAll(new Invariants(scenario, plan, outbox, calls, work, killTimes).check(child.logs(), API_KEY));
            } catch (SQLException e) {
                fail("outbox not readable after the run: " + e.getMessage());
            }
            summary = String.format(Locale.ROOT, "%d appointments, %d events, %d MLLP messages (%d resent), %d files re-dropped,"
                    + " %d flooded (%d AA), %d half-written, %d calls at the API (%d posted ahead), %d kills (%s),"
                    + " %d starts, zones open %s, faults %s",
                    scenario.appointments.size(), plan.events.values().stream().mapToInt(Integer::intValue).sum(),
                    plan.allMessages.size(), plan.resends, plan.redrops, plan.flooded, flooded.get(), plan.halfWritten,
                    calls.size(), calls.stream().filter(c -> c.scheduledAt() != null).count(), kills.get(),
                    String.join(", ", killedAt), child.starts(), scenario.openZones, faults);
        }
        List<String> found = List.copyOf(violations.subList(0, Math.min(violations.size(), 40)));
        return new Outcome(seed, found, summary, Duration.ofNanos(System.nanoTime() - started), work);
    }

    /** Moderate faults, so that every run still finishes: 500s, 429s, latency and answers lost after the POST. */
    private String faults() {
        return String.format(Locale.ROOT, "{\"errorRate\": %.2f, \"throttleRate\": %.2f, \"retryAfterSeconds\": 1,"
                        + " \"latencyMillis\": %d, \"ambiguousRate\": %.2f, \"seed\": %d}",
                random.nextDouble() * 0.15, random.nextDouble() * 0.08, random.nextInt(40), random.nextDouble() * 0.12,
                random.nextInt(1_000_000));
    }

    /** The chaos monkey: kill -9 at random moments (start-up, ingest, posting, polling alike), start again at once. */
    private void killAndRestart(ChildProcess child, int times, AtomicBoolean delivered) {
        Random r = new Random(seed * 17 + 3);
        try {
            for (int i = 0; i < times; i++) {
                if (i == times - 1) {
                    // the last kill always lands after the input is in, while calls are posted and reported
                    while (!delivered.get() && child.unexpectedExit() == null) {
                        Thread.sleep(20);
                    }
                }
                List<Pattern> moments = delivered.get() ? LATER_MOMENTS : INGEST_MOMENTS;
                Pattern aim = moments.get(r.nextInt(moments.size()));
                if (aim == null) {
                    // after the input is in, kill sooner: the posting and reporting left are the target then
                    long pause = delivered.get() ? 300 + r.nextInt(3_000) : 500 + r.nextInt(7_000);
                    long until = System.currentTimeMillis() + pause;
                    while (System.currentTimeMillis() < until) {
                        if (child.unexpectedExit() != null) {
                            break;
                        }
                        Thread.sleep(20);
                    }
                } else {
                    // aimed: a few milliseconds after the moment shows in the log (or anyway after 8 s)
                    child.awaitLogLine(aim, 8_000);
                    Thread.sleep(r.nextInt(25));
                }
                String exit = child.unexpectedExit();
                if (exit != null) {
                    fail(exit);
                    return;
                }
                child.kill();
                killTimes.add(Instant.now());
                killedAt.add(aim == null ? "random" : aim.pattern());
                kills.incrementAndGet();
                Thread.sleep(r.nextInt(300));
                child.start();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            fail("cannot restart callbridge: " + e);
        }
    }

    private void deliver(DeliveryPlan plan, int port, ExecutorService pool, ChildProcess child) throws Exception {
        long deadline = System.nanoTime() + DELIVERY_LIMIT.toNanos();
        Random pauses = new Random(seed * 13 + 5);
        int w = 0;
        for (DeliveryPlan.Wave wave : plan.waves) {
            List<Future<?>> senders = new ArrayList<>();
            int connections = Math.min(wave.mllp.size(), 1 + pauses.nextInt(4));
            for (int c = 0; c < connections; c++) {
                List<MllpSender.Message> share = new ArrayList<>();
                for (int i = c; i < wave.mllp.size(); i += connections) {
                    share.add(wave.mllp.get(i));
                }
                Random r = new Random(seed * 101 + w * 7L + c);
                senders.add(pool.submit(() -> {
                    new MllpSender(port, r, deadline, aborted::get).sendAll(share);
                    return null;
                }));
            }
            if (!wave.flood.isEmpty()) {
                senders.add(pool.submit(() -> {
                    flooded.addAndGet(MllpSender.flood(port, wave.flood, deadline));
                    return null;
                }));
            }
            List<DeliveryPlan.FileDrop> dropped = new ArrayList<>();
            for (DeliveryPlan.FileDrop file : wave.files) {
                if (file.halfWritten()) {
                    dropHalfWritten(file, pauses);
                } else {
                    drop(file);
                }
                dropped.add(file);
                Thread.sleep(pauses.nextInt(150));
            }
            for (Future<?> sender : senders) {
                while (true) {
                    try {
                        sender.get(200, TimeUnit.MILLISECONDS);
                        break;
                    } catch (TimeoutException stillSending) {
                        String exit = child.unexpectedExit();
                        if (exit != null) {
                            fail(exit);
                        }
                    }
                }
            }
            while (dropped.stream().anyMatch(f -> Files.exists(f.inbox().resolve(f.name())))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("files never taken from the inbox: " + dropped.stream()
                            .filter(f -> Files.exists(f.inbox().resolve(f.name()))).map(DeliveryPlan.FileDrop::name).toList());
                }
                String exit = child.unexpectedExit();
                if (exit != null) {
                    throw new IllegalStateException(exit);
                }
                if (aborted.get()) {
                    throw new IllegalStateException("run aborted");
                }
                Thread.sleep(100);
            }
            w++;
            Thread.sleep(pauses.nextInt(1_500));
        }
    }

    /**
     * Written in the inbox itself, the first half, then a pause longer than the read-lock age (the file is taken half
     * written), then the rest: callbridge must see the change and read the file again.
     */
    private static void dropHalfWritten(DeliveryPlan.FileDrop file, Random pauses) throws IOException, InterruptedException {
        byte[] content = file.content();
        // the writer pauses between two rows (after a line break past the header), as an export writes them
        int half = content.length / 2;
        while (half < content.length && content[half - 1] != '\n') {
            half++;
        }
        try (java.io.OutputStream out = Files.newOutputStream(file.inbox().resolve(file.name()))) {
            out.write(content, 0, half);
            out.flush();
            Thread.sleep(1_600 + pauses.nextInt(1_200));
            out.write(content, half, content.length - half);
        }
    }

    /** Written beside the inbox, then renamed into it: the file route never sees half a file. */
    private static void drop(DeliveryPlan.FileDrop file) throws IOException {
        Path tmp = file.inbox().resolveSibling("." + file.name() + ".part");
        Files.write(tmp, file.content());
        Files.move(tmp, file.inbox().resolve(file.name()), StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Lets the last process run until nothing is left to do, then stops it. From outside, the run looks finished when
     * every reminder due in the run is due, every call at the Calls API has ended, and neither the calls nor the JSON
     * reports have changed for four seconds. The process is then stopped (SIGTERM) and the outbox read: every event
     * planned, no batch open, sending or parked, no due call unposted, every posted call's result in and every report
     * delivered. If something is left, the process is started again and the wait goes on (a graceful restart).
     */
    private void awaitQuiet(ChaosScenario scenario, String url, CallsApiSimulator simulator, ChildProcess child, int port)
            throws Exception {
        long deadline = System.nanoTime() + QUIET_LIMIT.toNanos();
        Instant lastDue = scenario.appointments.stream().flatMap(a -> a.steps.stream())
                .map(step -> step.start().toInstant().minus(ChaosScenario.REMINDER_OFFSET))
                .filter(t -> t.isBefore(scenario.now.plusSeconds(600))).max(Instant::compareTo).orElse(scenario.now);
        while (true) {
            String state = awaitLooksQuiet(simulator, child, lastDue.plusSeconds(5), deadline);
            if (state != null) {
                fail(state);
                return;
            }
            if (!child.stop(30)) {
                fail("callbridge did not stop within 30 s of SIGTERM");
                return;
            }
            List<String> open = Outbox.unfinished(url, Instant.now());
            if (open.isEmpty()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("not finished " + QUIET_LIMIT.toSeconds() + " s after the last input: " + open);
                return;
            }
            child.start();
            if (!awaitListening(port, child)) {
                return;
            }
        }
    }

    /** Null once the run looks finished from outside, else why not by the deadline. */
    private String awaitLooksQuiet(CallsApiSimulator simulator, ChildProcess child, Instant notBefore, long deadline)
            throws Exception {
        String last = "";
        int same = 0;
        while (System.nanoTime() < deadline) {
            String exit = child.unexpectedExit();
            if (exit != null) {
                return exit;
            }
            List<SimulatedCall> calls = simulator.calls();
            long running = calls.stream().filter(c -> !c.status().equals("completed") && !c.status().equals("failed")).count();
            long reported = reportedCalls();
            String now = calls.size() + " calls, " + running + " not ended, " + reported + " reported";
            same = now.equals(last) ? same + 1 : 0;
            last = now;
            // reports are not required to catch up with the calls here: a call callbridge does not know is never
            // reported, and the outbox check after the stop sees deliveries still pending
            if (running == 0 && Instant.now().isAfter(notBefore) && same >= 8) {
                return null;
            }
            Thread.sleep(500);
        }
        return "not finished " + QUIET_LIMIT.toSeconds() + " s after the last input: " + last;
    }

    private long reportedCalls() throws IOException {
        Path calls = work.resolve("reports/calls");
        if (!Files.isDirectory(calls)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(calls)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        }
    }

    /** Once the MLLP listener of a (re)started process is up. */
    private boolean awaitListening(int port, ChildProcess child) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String exit = child.unexpectedExit();
            if (exit != null) {
                fail(exit);
                return false;
            }
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("callbridge did not listen for MLLP within 60 s of its start");
        return false;
    }

    private synchronized void fail(String violation) {
        violations.add(violation);
        aborted.set(true);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        }
    }

}
