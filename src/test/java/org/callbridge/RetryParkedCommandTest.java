package org.callbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.callbridge.store.Database;
import org.callbridge.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryParkedCommandTest {
    private static final Instant ENDED = Instant.parse("2026-12-01T15:00:00Z");

    @TempDir
    Path work;

    private String url() {
        return Database.h2FileUrl(work.resolve("state/callbridge"));
    }

    @Test
    void should_put_parked_report_deliveries_back_for_the_next_cycle_and_say_how_many() throws Exception {
        try (Database db = Database.open(url(), "sa", "")) {
            ResultStore results = new ResultStore(db, Clock.systemUTC());
            results.recordResult("call-1", "completed", ENDED, "{\"id\":\"call-1\"}", null, List.of("webhook", "json"));
            results.recordResult("call-2", "completed", ENDED, "{\"id\":\"call-2\"}", null, List.of("webhook"));
            results.markParked("call-1", "webhook", "HTTP 502 ten times");
            results.markParked("call-2", "webhook", "HTTP 502 ten times");
            results.markDelivered("call-1", "json");
        }
        Path config = work.resolve("callbridge.properties");
        Files.writeString(config, "callbridge.state.url=" + url() + "\ncallbridge.state.user=sa\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = new RetryParkedCommand(new PrintStream(out, true, StandardCharsets.UTF_8))
                .run(new String[] {"--config", config.toString()});

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 report deliveries and 0 batches put back");
        try (Database db = Database.open(url(), "sa", "")) {
            ResultStore results = new ResultStore(db, Clock.systemUTC());
            assertThat(results.pendingDeliveries("webhook", 10)).hasSize(2);
            assertThat(results.pendingDeliveries("json", 10)).isEmpty();
        }
    }

    @Test
    void should_exit_2_for_an_unknown_flag() {
        assertThat(new RetryParkedCommand(System.out).run(new String[] {"--all"})).isEqualTo(2);
    }
}
