package org.callbridge.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Randomized kill-and-restart runs of the whole application against a misbehaving Calls API (see the package
 * documentation for what each run does and checks). {@code -Dchaos.runs=N} (default 3), {@code -Dchaos.seed=S} to
 * replay one run, {@code -Dchaos.keep=true} to keep the work folders of passing runs too, {@code -Dchaos.minutes=M}
 * to start no new run after M minutes (the closing line then counts the runs that fit).
 */
@Tag("chaos")
class KillRestartChaos {

    @Test
    void callbridge_keeps_its_guarantees_through_kill_9_and_a_faulty_calls_api() throws Exception {
        String seedProperty = System.getProperty("chaos.seed");
        int runs = Integer.getInteger("chaos.runs", seedProperty == null ? 3 : 1);
        boolean keep = Boolean.getBoolean("chaos.keep");
        long minutes = Long.getLong("chaos.minutes", 0L);
        long budget = minutes > 0 ? Duration.ofMinutes(minutes).toNanos() : Long.MAX_VALUE;
        Path base = Path.of(System.getProperty("chaos.dir", "target/chaos")).toAbsolutePath();
        Files.createDirectories(base);
        Random seeds = new Random();
        PrintStream out = new PrintStream(Files.newOutputStream(base.resolve("chaos.log")), true, StandardCharsets.UTF_8);
        List<String> failures = new ArrayList<>();
        int passed = 0;
        long started = System.nanoTime();
        int done = 0;
        for (int i = 0; i < runs && System.nanoTime() - started < budget; i++) {
            done++;
            long seed = seedProperty != null ? Long.parseLong(seedProperty) + i : seeds.nextLong();
            report(out, String.format(Locale.ROOT, "chaos run %d/%d seed=%d", i + 1, runs, seed));
            ChaosRun run = new ChaosRun(seed, base);
            ChaosRun.Outcome outcome;
            try {
                outcome = run.execute();
            } catch (Exception | AssertionError e) {
                outcome = new ChaosRun.Outcome(seed, List.of("run aborted: " + e), "", Duration.ZERO, run.workDir());
            }
            if (outcome.passed()) {
                passed++;
                report(out, String.format(Locale.ROOT, "  passed in %d s: %s", outcome.took().toSeconds(), outcome.summary()));
                if (!keep) {
                    ChaosRun.deleteTree(outcome.workDir());
                }
            } else {
                report(out, String.format(Locale.ROOT, "  FAILED in %d s (replay: -Dchaos.seed=%d; files in %s): %s",
                        outcome.took().toSeconds(), seed, outcome.workDir(), outcome.summary()));
                outcome.violations().forEach(v -> report(out, "    " + v));
                failures.add("seed " + seed + ": " + outcome.violations().get(0));
            }
        }
        String result = passed + " passed, " + failures.size() + " failed";
        String took = String.format(Locale.ROOT, "chaos: %d of %d runs in %d s (details: %s)", done, runs,
                Duration.ofNanos(System.nanoTime() - started).toSeconds(), base.resolve("chaos.log"));
        report(out, took);
        report(out, result);
        out.close();
        assertThat(failures).as(result).isEmpty();
    }

    /** To the test output and to target/chaos/chaos.log, which survives the run. */
    private static void report(PrintStream log, String line) {
        System.out.println(line);
        log.println(line);
    }
}
