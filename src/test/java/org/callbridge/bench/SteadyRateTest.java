package org.callbridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteadyRateTest {
    @Test
    void warms_up_until_the_rate_stops_rising_then_reports_the_best_timed_pass() throws Exception {
        // rises for 6 passes, then flat (within 3%), then the timed passes (within 3% of the best warm-up pass)
        double[] rates = {10, 20, 40, 60, 80, 100, 101, 102, 99, 95, 105, 97, 98, 96, 90, 93};
        List<Integer> passes = new ArrayList<>();

        SteadyRate.Result result = SteadyRate.measure("test", pass -> {
            passes.add(pass);
            return rates[pass];
        });

        assertThat(result.warmupPasses()).isEqualTo(9);
        assertThat(result.warmup()).containsExactly(10.0, 20.0, 40.0, 60.0, 80.0, 100.0, 101.0, 102.0, 99.0);
        assertThat(result.timed()).containsExactly(95.0, 105.0, 97.0, 98.0, 96.0, 90.0, 93.0);
        assertThat(result.best()).isEqualTo(105.0);
        assertThat(passes).hasSize(9 + SteadyRate.TIMED_PASSES).doesNotHaveDuplicates();
    }

    @Test
    void a_rate_that_creeps_up_by_less_than_the_margin_each_pass_is_still_warming_up() throws Exception {
        // +2% a pass: each pass is within 3% of the one before, but not of the pass that set the level
        double[] rates = {100, 102, 104.04, 106.12, 108.24, 108.5, 108.3, 108.6, 109, 109, 109, 109, 109, 109, 109, 109};

        SteadyRate.Result result = SteadyRate.measure("test", pass -> rates[pass]);

        assertThat(result.warmup()).startsWith(100.0, 102.0, 104.04, 106.12, 108.24);
        assertThat(result.warmupPasses()).isEqualTo(8);
    }

    @Test
    void a_rate_that_never_levels_off_stops_warming_up_at_the_cap() throws Exception {
        SteadyRate.Result result = SteadyRate.measure("test", pass -> 100 * Math.pow(1.1, pass));

        assertThat(result.warmupPasses()).isEqualTo(SteadyRate.MAX_WARMUP_PASSES);
        assertThat(result.best()).isEqualTo(100 * Math.pow(1.1, SteadyRate.MAX_WARMUP_PASSES + SteadyRate.TIMED_PASSES - 1));
    }

    @Test
    void timed_passes_that_beat_every_warm_up_pass_are_warm_up_too() throws Exception {
        // seems level at 100 after 5 passes; the timed passes climb to 130; then level at 130 for 3 passes and 7 timed
        double[] rates = {50, 100, 99, 101, 100,
                98, 100, 104, 110, 118, 125, 130,
                129, 130, 128,
                131, 129, 128, 130, 131, 130, 129};
        List<Integer> passes = new ArrayList<>();

        SteadyRate.Result result = SteadyRate.measure("test", pass -> {
            passes.add(pass);
            return rates[pass];
        });

        assertThat(result.warmupPasses()).isEqualTo(5 + SteadyRate.TIMED_PASSES + 3);
        assertThat(result.timed()).containsExactly(131.0, 129.0, 128.0, 130.0, 131.0, 130.0, 129.0);
        assertThat(result.best()).isEqualTo(131.0);
        assertThat(passes).hasSize(rates.length).doesNotHaveDuplicates();
    }
}
