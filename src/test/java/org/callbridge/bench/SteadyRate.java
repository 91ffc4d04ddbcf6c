package org.callbridge.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One rule for every rate that is compared with another: passes of the same workload are run
 * until the rate levels off (the JIT has compiled what the workload runs; on a small machine the
 * compiler shares the cores with the workload, so a path that keeps every core busy takes many
 * more passes than one thread in a loop), then {@value #TIMED_PASSES} timed passes, of which the
 * best is the figure (anything else running can only slow a pass down).
 *
 * <p>The rate has levelled off when {@value #FLAT_PASSES} passes in a row have not risen more than
 * {@value #GAIN_PERCENT}% above the pass that last did (so a rate that keeps creeping up a little
 * each pass is still warming up), after at least {@value #MIN_WARMUP_PASSES} passes, and when the
 * timed passes then confirm it: if the best of them is more than {@value #GAIN_PERCENT}% above every
 * warm-up pass, the rate was still rising, they count as warm-up and the warm-up goes on. At most
 * {@value #MAX_WARMUP_PASSES} warm-up passes are run.
 */
final class SteadyRate {
    static final int TIMED_PASSES = 7;
    static final int MIN_WARMUP_PASSES = 3;
    static final int MAX_WARMUP_PASSES = 40;
    static final int FLAT_PASSES = 3;
    static final int GAIN_PERCENT = 3;

    /** One pass of the workload; {@code pass} counts from 0 and tells passes apart (fresh ids, file names). */
    @FunctionalInterface
    interface Pass {
        double rate(int pass) throws Exception;
    }

    /** The best timed rate, the passes it took to level off, and every pass's rate. */
    record Result(double best, int warmupPasses, List<Double> warmup, List<Double> timed) {
        @Override
        public String toString() {
            return String.format("best %.0f after %d warm-up passes; warm-up %s; timed %s", best, warmupPasses,
                    rounded(warmup), rounded(timed));
        }

        private static String rounded(List<Double> rates) {
            return rates.stream().map(r -> String.format("%.0f", r)).collect(Collectors.joining(" ", "[", "]"));
        }
    }

    private SteadyRate() {
    }

    static Result measure(String label, Pass pass) throws Exception {
        List<Double> warmup = new ArrayList<>();
        List<Double> timed;
        int next = 0;
        while (true) {
            next = warmUp(pass, warmup, next);
            timed = new ArrayList<>();
            for (int i = 0; i < TIMED_PASSES; i++) {
                timed.add(pass.rate(next++));
            }
            if (warmup.size() + timed.size() > MAX_WARMUP_PASSES || !stillRising(warmup, timed)) {
                break;
            }
            // the timed passes beat every warm-up pass: the rate had not levelled off, they were warm-up too
            warmup.addAll(timed);
        }
        Result result = new Result(timed.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), warmup.size(),
                List.copyOf(warmup), List.copyOf(timed));
        System.out.printf("%s: %s%n", label, result);
        return result;
    }

    /** Runs warm-up passes after those already in {@code warmup} until the rate levels off; returns the next pass number. */
    private static int warmUp(Pass pass, List<Double> warmup, int next) throws Exception {
        double level = warmup.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        int flat = 0;
        int run = 0;
        while (warmup.size() < MAX_WARMUP_PASSES && (run < MIN_WARMUP_PASSES || flat < FLAT_PASSES)) {
            double rate = pass.rate(next++);
            warmup.add(rate);
            run++;
            if (rate > level * (1 + GAIN_PERCENT / 100.0)) {
                level = rate;
                flat = 0;
            } else {
                flat++;
            }
        }
        return next;
    }

    /** The best timed pass is more than {@value #GAIN_PERCENT}% above the best warm-up pass. */
    private static boolean stillRising(List<Double> warmup, List<Double> timed) {
        double warm = warmup.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double best = timed.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return best > warm * (1 + GAIN_PERCENT / 100.0);
    }
}
