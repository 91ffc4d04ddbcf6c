package org.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.PipeParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.hl7.Hl7Context;
import org.callbridge.ingest.Hl7Intake;
import org.callbridge.ingest.Hl7Intake.FileSummary;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingest throughput, each figure next to a baseline measured in the same run:
 * <ol>
 * <li>raw HAPI: {@code PipeParser.parse} of distinct SIU^S12 texts (already CR-normalised), with
 * one thread and with one thread per core;</li>
 * <li>MLLP: the real runtime, {@value #CONNECTIONS} connections each pipelining {@value #WINDOW}
 * frames per TCP write; only AA ACKs naming a sent control id count. Compared with raw parse on
 * every core, since the listener serves the connections in parallel;</li>
 * <li>HL7 files: files dropped (renamed) into the inbox of the running runtime, timed until the
 * route has moved the last one out (it does so after the file's commit), then checked against
 * the store; and {@code Hl7Intake.acceptFile} called directly on the same file contents held in
 * memory. Both run on one thread (one file consumer), so they are compared with raw parse on one thread.
 * The dropped files were last modified before the route's {@code readLockMinAge}, as a finished export
 * is, so the figure is throughput; a file written just before it is dropped waits that long first;</li>
 * <li>CSV: a 1,000,000-row default-layout file, raw Commons CSV against the real CSV route into H2,
 * and the heap during the route's run, in a child JVM with the heap the README recommends for running
 * callbridge, {@value #CSV_CHILD_HEAP} (see {@link CsvIngestRun});</li>
 * <li>start to ready: {@code new CallbridgeRuntime(...)} to {@code start()} returning with every route
 * started, on a fresh H2 file (schema migrated), the first start in this JVM; and a restart on the
 * state the MLLP figure left.</li>
 * </ol>
 * Each HL7 channel runs on a runtime and state store of its own.
 * Every rate, the raw parse's and each ingest path's, is measured by one rule ({@link SteadyRate}):
 * passes of {@value #PARSE_MESSAGES} messages until the rate levels off, then the best of the timed
 * passes.
 * The application logs at INFO (as shipped), not the test configuration's DEBUG. Speed is never
 * asserted; correctness is (every message AA and stored, every row stored, nothing rejected).
 */
@Tag("bench")
class IngestBench {
    private static final int PARSE_MESSAGES = 20_000;
    private static final int MLLP_MESSAGES = 20_000;
    private static final int CONNECTIONS = 4;
    private static final int WINDOW = 50;
    private static final int FILES = 40;
    private static final int PER_FILE = 500;
    private static final int CSV_ROWS = 1_000_000;
    /** The heap the README recommends ("Memory"). */
    private static final String CSV_CHILD_HEAP = "-Xmx256m";

    /** Older than the inbox's read-lock minimum age (the shipped default, 1 s). */
    private static final Duration READ_LOCK_MIN_AGE = Duration.ofSeconds(2);

    private static final String PARSE_GOAL_MLLP = "≥ 40% of raw HAPI parse";
    private static final String PARSE_GOAL_FILE = "≥ 60% of raw HAPI parse";

    @TempDir
    Path work;

    private final IngestData data = IngestData.fromSampleCrosswalk();
    /** Events stored by the MLLP figure, counted again after the restart. */
    private long mllpEvents;

    @Test
    void measure_ingest_rates() throws Exception {
        Runnable restoreLogLevel = BenchRuntime.productionLogLevel();
        try {
            int cores = Runtime.getRuntime().availableProcessors();
            double parseOne = rawParse(1);
            double parseAll = rawParse(cores);
            BenchResults.record(new BenchResults.Figure("HL7 raw HAPI parse, 1 thread (SIU^S12)", parseOne, "msgs/s",
                    null, null, null));
            BenchResults.record(new BenchResults.Figure("HL7 raw HAPI parse, " + cores + " threads (SIU^S12)", parseAll,
                    "msgs/s", null, null, null));

            hl7Channels(parseOne, parseAll, cores);
            csv();
        } finally {
            restoreLogLevel.run();
        }
    }

    /** Messages per second of {@code PipeParser.parse} on {@code threads} threads, each parsing its own share (see {@link SteadyRate}). */
    private double rawParse(int threads) throws Exception {
        List<String> messages = data.sius("P", 0, PARSE_MESSAGES);
        PipeParser parser = Hl7Context.parser();
        for (String m : messages) { // correctness, and part of the warm-up
            assertThat(parser.parse(m).getName()).isEqualTo("SIU_S12");
        }
        SteadyRate.Result result = SteadyRate.measure("raw HAPI parse, " + threads + " thread(s), msgs/s",
                pass -> parseOnce(parser, messages, threads));
        BenchResults.record("HL7 raw HAPI parse, " + threads + " thread(s): warm-up passes until level", result.warmupPasses(), "passes");
        return result.best();
    }

    private static double parseOnce(PipeParser parser, List<String> messages, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int from = messages.size() * t / threads;
                int to = messages.size() * (t + 1) / threads;
                parts.add(pool.submit(() -> {
                    long names = 0;
                    for (String m : messages.subList(from, to)) {
                        Message parsed = parser.parse(m);
                        names += parsed.getName().length();
                    }
                    return names;
                }));
            }
            long touched = 0;
            for (Future<Long> part : parts) {
                touched += part.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(touched).isEqualTo(7L * messages.size());
            return messages.size() / seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Each HL7 channel on a runtime and state store of its own, so that no figure depends on what ran
     * before it (the store's indexes grow with every pass, and inserts slow down as they grow).
     */
    private void hl7Channels(double parseOne, double parseAll, int cores) throws Exception {
        Path mllpState = work.resolve("hl7-mllp");
        int port = FreePorts.next();

        long startNanos = System.nanoTime();
        CallbridgeRuntime runtime = new CallbridgeRuntime(BenchRuntime.settings(mllpState, port), Clock.systemUTC());
        try {
            runtime.start();
            double startMillis = (System.nanoTime() - startNanos) / 1e6;
            int routes = BenchRuntime.requireRoutesStarted(runtime);
            BenchResults.record(new BenchResults.Figure("runtime start to ready, fresh H2 (" + routes + " routes)",
                    startMillis, "ms", null, null, null));
            mllp(runtime, port, parseAll, cores);
            assertThat(runtime.events().rejectionCount()).isZero();
        } finally {
            runtime.close();
        }

        long restartNanos = System.nanoTime();
        try (CallbridgeRuntime again = new CallbridgeRuntime(BenchRuntime.settings(mllpState, port), Clock.systemUTC())) {
            again.start();
            double restartMillis = (System.nanoTime() - restartNanos) / 1e6;
            BenchRuntime.requireRoutesStarted(again);
            assertThat(again.events().countBySource().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(mllpEvents);
            BenchResults.record(new BenchResults.Figure("runtime restart to ready, H2 with " + mllpEvents / 1000 + "k events",
                    restartMillis, "ms", null, null, null));
        }

        Path fileState = work.resolve("hl7-files");
        try (CallbridgeRuntime files = new CallbridgeRuntime(BenchRuntime.settings(fileState, FreePorts.next()), Clock.systemUTC())) {
            files.start();
            fileDrops(files, fileState, parseOne);
            assertThat(files.events().rejectionCount()).isZero();
        }
        try (CallbridgeRuntime direct = new CallbridgeRuntime(BenchRuntime.settings(work.resolve("hl7-direct"), FreePorts.next()),
                Clock.systemUTC())) {
            direct.start();
            directFiles(direct, parseOne);
            assertThat(direct.events().rejectionCount()).isZero();
        }
    }

    private void mllp(CallbridgeRuntime runtime, int port, double parseAll, int cores) throws Exception {
        SteadyRate.Result result = SteadyRate.measure("MLLP ingest, msgs/s", pass -> {
            MllpPipeline.Outcome run = MllpPipeline.run("127.0.0.1", port, data.sius("M" + pass, 0, MLLP_MESSAGES),
                    CONNECTIONS, WINDOW);
            assertThat(run.failures()).isEmpty();
            assertThat(run.accepted()).isEqualTo(MLLP_MESSAGES);
            mllpEvents += MLLP_MESSAGES;
            return run.messagesPerSecond();
        });
        assertThat(BenchRuntime.stored(runtime, "mllp")).isEqualTo((long) passes(result) * MLLP_MESSAGES);

        double rate = result.best();
        BenchResults.record(new BenchResults.Figure("MLLP ingest, AA after commit (" + CONNECTIONS + " conn, window " + WINDOW + ")",
                rate, "msgs/s", "HAPI parse " + cores + " thr", parseAll, PARSE_GOAL_MLLP));
        BenchResults.record(new BenchResults.Figure("MLLP ingest / raw HAPI parse (" + cores + " threads)",
                100 * rate / parseAll, "%", null, null, "≥ 40%"));
        BenchResults.record("MLLP ingest: warm-up passes until level", result.warmupPasses(), "passes");
    }

    private static int passes(SteadyRate.Result result) {
        return result.warmup().size() + result.timed().size();
    }

    private void fileDrops(CallbridgeRuntime runtime, Path state, double parseOne) throws Exception {
        Path inbox = state.resolve("inbox/hl7");
        Path staging = state.resolve("staging");
        Files.createDirectories(inbox);
        Files.createDirectories(staging);

        SteadyRate.Result result = SteadyRate.measure("HL7 file drops, msgs/s", pass -> {
            long before = BenchRuntime.stored(runtime, "hl7-file");
            double seconds = drop(staging, inbox, "F" + pass, FILES);
            assertThat(BenchRuntime.stored(runtime, "hl7-file")).isEqualTo(before + (long) FILES * PER_FILE);
            return FILES * PER_FILE / seconds;
        });

        double rate = result.best();
        BenchResults.record(new BenchResults.Figure("HL7 file drops via route (" + FILES + " files x " + PER_FILE + ")",
                rate, "msgs/s", "HAPI parse 1 thr", parseOne, PARSE_GOAL_FILE));
        BenchResults.record(new BenchResults.Figure("HL7 file drops / raw HAPI parse (1 thread)",
                100 * rate / parseOne, "%", null, null, "≥ 60%"));
        BenchResults.record("HL7 file drops: warm-up passes until level", result.warmupPasses(), "passes");
    }

    /** Writes the files to a staging folder, renames them into the inbox and waits until the route moved each out; returns seconds. */
    private double drop(Path staging, Path inbox, String prefix, int files) throws Exception {
        List<String> names = new ArrayList<>();
        for (int f = 0; f < files; f++) {
            String name = String.format("%s-%03d.hl7", prefix, f);
            Files.write(staging.resolve(name), data.hl7File(prefix, f, PER_FILE));
            Files.setLastModifiedTime(staging.resolve(name), FileTime.from(Instant.now().minus(READ_LOCK_MIN_AGE)));
            names.add(name);
        }
        long start = System.nanoTime();
        for (String name : names) {
            Files.move(staging.resolve(name), inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }
        long deadline = start + TimeUnit.MINUTES.toNanos(3);
        while (hl7FilesIn(inbox) > 0) {
            assertThat(System.nanoTime()).as("HL7 files still in the inbox after 3 minutes").isLessThan(deadline);
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long hl7FilesIn(Path inbox) throws Exception {
        try (Stream<Path> files = Files.list(inbox)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".hl7") && Files.isRegularFile(p)).count();
        }
    }

    private void directFiles(CallbridgeRuntime runtime, double parseOne) throws Exception {
        Hl7Intake intake = BenchRuntime.bean(runtime, "hl7Intake", Hl7Intake.class);
        SteadyRate.Result result = SteadyRate.measure("Hl7Intake.acceptFile direct, msgs/s", pass -> {
            List<byte[]> contents = new ArrayList<>();
            for (int f = 0; f < FILES; f++) {
                contents.add(data.hl7File("D" + pass, f, PER_FILE));
            }
            long stored = 0;
            long start = System.nanoTime();
            for (int f = 0; f < FILES; f++) {
                FileSummary summary = intake.acceptFile(contents.get(f), "D" + pass + "-" + f + ".hl7");
                stored += summary.stored();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(stored).isEqualTo((long) FILES * PER_FILE);
            return stored / seconds;
        });

        double rate = result.best();
        BenchResults.record(new BenchResults.Figure("Hl7Intake.acceptFile direct (" + FILES + " x " + PER_FILE + ", in memory)",
                rate, "msgs/s", "HAPI parse 1 thr", parseOne, PARSE_GOAL_FILE));
        BenchResults.record(new BenchResults.Figure("Hl7Intake.acceptFile direct / raw HAPI parse (1 thread)",
                100 * rate / parseOne, "%", null, null, "≥ 60%"));
        BenchResults.record("Hl7Intake.acceptFile direct: warm-up passes until level", result.warmupPasses(), "passes");
    }

    private void csv() throws Exception {
        Path csv = work.resolve("appointments-1m.csv");
        data.writeCsv(csv, CSV_ROWS);
        Path childWork = work.resolve("csv");
        Files.createDirectories(childWork);

        JsonNode result = runChild(csv, childWork);
        assertThat(result.get("rawRows").asLong()).isEqualTo(CSV_ROWS);
        assertThat(result.get("stored").asLong()).isEqualTo(CSV_ROWS);
        assertThat(result.get("rejected").asLong()).isZero();

        double raw = result.get("rawRowsPerSecond").asDouble();
        double ingest = result.get("ingestRowsPerSecond").asDouble();
        BenchResults.record(new BenchResults.Figure("CSV raw Commons CSV parse, 1M rows", raw, "rows/s", null, null, null));
        BenchResults.record(new BenchResults.Figure("CSV ingest via route into H2, 1M rows", ingest, "rows/s",
                "Commons CSV raw", raw, null));
        BenchResults.record(new BenchResults.Figure("CSV 1M rows: peak heap used, sampled 50 ms (" + CSV_CHILD_HEAP + ")",
                result.get("peakHeapMb").asDouble(), "MB", null, null, "≤ 256 MB"));
        BenchResults.record(new BenchResults.Figure("CSV 1M rows: max heap used after a GC",
                result.get("maxHeapAfterGcMb").asDouble(), "MB", null, null, null));
    }

    /** Runs {@link CsvIngestRun} in a JVM of its own; its output goes to this one's, its result comes back. */
    private static JsonNode runChild(Path csv, Path childWork) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, CSV_CHILD_HEAP, "-cp", classpath, CsvIngestRun.class.getName(),
                csv.toString(), childWork.toString(), Integer.toString(CSV_ROWS))
                .redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith(CsvIngestRun.RESULT_PREFIX)) {
                    result = line.substring(CsvIngestRun.RESULT_PREFIX.length());
                }
                System.out.println("[csv-run] " + line);
            }
        }
        if (!child.waitFor(1, TimeUnit.MINUTES)) {
            child.destroyForcibly();
        }
        assertThat(child.exitValue()).as("CSV run exit code").isZero();
        assertThat(result).as("CSV run result line").isNotNull();
        return new ObjectMapper().readTree(result);
    }
}
