package org.callbridge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.callbridge.config.Configuration;
import org.callbridge.config.Settings;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configurations that {@code check} used to pass and {@code run} died on, or the reverse: each is refused by both, the
 * same way, before anything starts: one line per problem, naming the key, exit code 2, no stack trace.
 */
class RunChecksAsCheckTest {
    @TempDir
    Path work;

    private Path config(String... extra) throws Exception {
        List<String> lines = new ArrayList<>(List.of(
                "callbridge.api.url=http://127.0.0.1:9",
                "callbridge.api.key=run-checks-test-key",
                "callbridge.agent-id=5f0c1e2a-7b3d-4c8e-9a1f-000000000001",
                "callbridge.state.url=jdbc:h2:file:" + work.resolve("state/callbridge").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
                "callbridge.hl7.mllp.port=" + FreePorts.next(),
                "callbridge.management.port=" + FreePorts.next(),
                "callbridge.inbox.hl7=" + work.resolve("inbox/hl7"),
                "callbridge.inbox.csv=" + work.resolve("inbox/csv"),
                "callbridge.rejected.dir=" + work.resolve("rejected"),
                "callbridge.reports.dir=" + work.resolve("reports")));
        lines.addAll(List.of(extra));
        Path file = work.resolve("callbridge.properties");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private record Outcome(int code, String err) {
    }

    private static Outcome execute(String... args) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Future<Integer> code = executor.submit(() -> Application.execute(args));
            // a configuration that run accepts would start it and never return
            return new Outcome(code.get(60, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
            executor.shutdownNow();
        }
    }

    private static void assertRefused(Outcome outcome, String prefix, String key) {
        assertThat(outcome.code()).as(outcome.err()).isEqualTo(2);
        List<String> lines = outcome.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as(outcome.err()).isNotEmpty().allSatisfy(line -> assertThat(line).startsWith(prefix + "callbridge."));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(prefix + key + ":"));
        assertThat(outcome.err()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("run-checks-test-key");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "callbridge.post.interval               | PT0S",
            "callbridge.management.port             | 70000",
            "callbridge.hl7.mllp.port               | banana",
            "callbridge.hl7.mllp.max-message-bytes  | 0",
            "callbridge.agent-id                    | not-a-uuid",
            "callbridge.rejected.dir                | /etc/passwd",
            "callbridge.csv.feeds                   | ghost",
            "callbridge.state.url                   | jdbc:h2:file:/etc/passwd/state/callbridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0",
    })
    void run_and_check_refuse_it_alike(String key, String value) throws Exception {
        Path file = config(key + "=" + value);
        String problemKey = key.equals("callbridge.csv.feeds") ? "callbridge.csv.ghost.inbox" : key;

        assertRefused(execute("run", "--config", file.toString()), "callbridge: ", problemKey);
        assertRefused(execute("check", "--config", file.toString()), "callbridge check: ", problemKey);
    }

    @Test
    void run_and_check_refuse_an_mllp_port_already_in_use() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Path file = config("callbridge.hl7.mllp.port=" + taken.getLocalPort());

            assertRefused(execute("run", "--config", file.toString()), "callbridge: ", "callbridge.hl7.mllp.port");
            assertRefused(execute("check", "--config", file.toString()), "callbridge check: ", "callbridge.hl7.mllp.port");
        }
    }

    @Test
    void check_reports_a_bad_time_zone_once() throws Exception {
        Outcome check = execute("check", "--config", config("callbridge.timezone=Mars/Olympus").toString());

        assertThat(check.err().lines().filter(l -> l.contains("callbridge.timezone"))).as(check.err()).hasSize(1);
    }

    @Test
    void a_tab_delimiter_written_in_the_file_is_a_tab() throws Exception {
        Path file = config("callbridge.csv.feeds=acme,raw", "callbridge.csv.acme.inbox=" + work.resolve("acme"),
                "callbridge.csv.acme.delimiter=\\t", "callbridge.csv.raw.inbox=" + work.resolve("raw"),
                "callbridge.csv.raw.delimiter=tab");

        Configuration config = Configuration.build(Settings.load(file, java.util.Map.of()));

        assertThat(config.feeds()).extracting(f -> f.delimiter()).containsExactly('\t', '\t');
    }
}
