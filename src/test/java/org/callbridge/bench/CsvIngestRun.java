package org.callbridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.testing.FreePorts;

/**
 * The CSV half of {@link IngestBench}, run in a JVM of its own so that its heap holds only this:
 * {@code java -Xmx256m ... CsvIngestRun <csv file> <work dir> <rows>} (the heap is IngestBench's choice). Measures raw Commons CSV over
 * the file (the baseline: the best of {@value #RAW_PASSES} passes after a warm-up pass), then drops
 * the file into the default CSV inbox of a started runtime and times it until the route has moved
 * it out of the inbox (which it does after the last chunk is committed). Prints one line
 * {@code BENCH-RESULT <json>}.
 */
public final class CsvIngestRun {
    static final String RESULT_PREFIX = "BENCH-RESULT ";
    private static final long SAMPLE_MILLIS = 50;
    /** Timed passes of the raw baseline after one warm-up pass; the best counts (see IngestBench). */
    private static final int RAW_PASSES = 3;

    private CsvIngestRun() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        Path work = Path.of(args[1]);
        long rows = Long.parseLong(args[2]);
        BenchRuntime.productionLogLevel();

        rawParse(csv); // warm-up
        long rawRows = 0;
        double rawBest = 0;
        for (int pass = 0; pass < RAW_PASSES; pass++) {
            long rawStart = System.nanoTime();
            rawRows = rawParse(csv);
            double rate = rawRows / ((System.nanoTime() - rawStart) / 1e9);
            System.out.printf("raw Commons CSV pass %d: %.0f rows/s%n", pass + 1, rate);
            rawBest = Math.max(rawBest, rate);
        }
        if (rawRows != rows) {
            throw new IllegalStateException("raw parse read " + rawRows + " rows, expected " + rows);
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rawRows", rawRows);
        result.put("rawRowsPerSecond", rawBest);
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(BenchRuntime.settings(work, FreePorts.next()),
                Clock.systemUTC())) {
            runtime.start();
            BenchRuntime.requireRoutesStarted(runtime);
            Path inbox = work.resolve("inbox/csv");
            Files.createDirectories(inbox);
            Path staged = work.resolve(csv.getFileName());
            Files.copy(csv, staged); // same file system as the inbox: the drop below is one rename

            HeapWatch heap = HeapWatch.start();
            long start = System.nanoTime();
            Path dropped = Files.move(staged, inbox.resolve(csv.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            long deadline = start + 10L * 60 * 1_000_000_000L;
            while (Files.exists(dropped)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the CSV file is still in the inbox after 10 minutes");
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            heap.stop();

            long stored = BenchRuntime.stored(runtime, "csv:default");
            long rejected = runtime.events().rejectionCount();
            result.put("stored", stored);
            result.put("rejected", rejected);
            result.put("seconds", seconds);
            result.put("ingestRowsPerSecond", stored / seconds);
            result.put("peakHeapMb", heap.peakSampled() / 1048576.0);
            result.put("maxHeapAfterGcMb", heap.maxAfterGc() / 1048576.0);
            result.put("gcCount", heap.gcCount());
            result.put("xmxMb", Runtime.getRuntime().maxMemory() / 1048576.0);
            result.put("collectors", ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", ")));
        }
        System.out.println(RESULT_PREFIX + new ObjectMapper().writeValueAsString(result));
        System.out.flush();
        System.exit(0); // leave no non-daemon thread of a library behind
    }

    /** Commons CSV alone: the header skipped, every field of every record touched; returns the records. */
    static long rawParse(Path csv) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get();
        long records = 0;
        long chars = 0;
        try (BufferedReader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                records++;
                for (String value : record) {
                    chars += value.length();
                }
            }
        }
        if (chars == 0) {
            throw new IllegalStateException("empty CSV");
        }
        return records;
    }

    /**
     * Heap use during a run: total heap used sampled every {@value #SAMPLE_MILLIS} ms from a
     * background thread (includes garbage not yet collected, so it depends on the collector's
     * sizing), and the largest heap use right after a collection (closer to what is really held).
     */
    static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong afterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();
        private final Thread sampler;
        private final Set<String> heapPools;
        private volatile boolean running = true;

        private HeapWatch() {
            heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                    if (!running || !GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData())
                            .getGcInfo().getMemoryUsageAfterGc();
                    long used = after.entrySet().stream().filter(e -> heapPools.contains(e.getKey()))
                            .mapToLong(e -> e.getValue().getUsed()).sum();
                    afterGc.accumulateAndGet(used, Math::max);
                    collections.incrementAndGet();
                }, null, null);
            }
            sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(SAMPLE_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
        }

        /** Collects first, so the run starts from the live heap of a started runtime. */
        static HeapWatch start() {
            System.gc();
            HeapWatch watch = new HeapWatch();
            watch.sampler.start();
            return watch;
        }

        void stop() throws InterruptedException {
            peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            running = false;
            sampler.interrupt();
            sampler.join();
        }

        long peakSampled() {
            return peak.get();
        }

        long maxAfterGc() {
            return afterGc.get();
        }

        long gcCount() {
            return collections.get();
        }
    }
}
