package org.callbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorCommandTest {

    @TempDir
    Path dir;
    private Path fixtures;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeFixtures() throws IOException {
        fixtures = dir.resolve("fixtures.json");
        try (InputStream in = getClass().getResourceAsStream("/simulator/fixtures-test.json")) {
            Files.write(fixtures, in.readAllBytes());
        }
    }

    @Test
    void should_serve_the_fixtures_until_stopped_and_announce_itself_in_one_line() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        AtomicReference<CallsApiSimulator> running = new AtomicReference<>();

        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> SimulatorCommand.run(
                new String[] {"simulator", "--port", "0", "--fixtures", fixtures.toString(), "--host", "127.0.0.1"},
                print(out), print(err), stop, running::set));
        await().atMost(Duration.ofSeconds(20)).until(() -> text(out).contains("\n"));
        CallsApiSimulator simulator = running.get();
        ApiClient.Response response = new ApiClient(simulator.baseUrl(), TestFixtures.KEY_A).get("/api/v1/calls");
        stop.countDown();

        assertThat(text(out)).isEqualTo("Calls API simulator listening on http://127.0.0.1:" + simulator.port()
                + " (2 organizations)" + System.lineSeparator());
        assertThat(response.status()).isEqualTo(200);
        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(text(err)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--port                             | --port needs a value",
            "--port abc --fixtures FIXTURES     | --port must be a number between 0 and 65535, not 'abc'",
            "--port 70000 --fixtures FIXTURES   | --port must be a number between 0 and 65535, not '70000'",
            "--port 0 --fixtures FIXTURES --verbose | unknown option --verbose",
            "--fixtures FIXTURES                | missing --port",
            "--port 0                           | missing --fixtures",
            "--port 0 --fixtures --host         | --fixtures needs a value",
            "--port 0 --fixtures MISSING        | cannot read fixtures file",
            "--port 0 --fixtures INVALID        | invalid fixtures file"})
    void should_print_one_line_and_exit_2_on_a_bad_command_line(String line, String problem) throws IOException {
        Path invalid = Files.writeString(dir.resolve("invalid.json"), "{\"mode\": \"demo\"}");
        String[] args = line.replace("FIXTURES", fixtures.toString()).replace("MISSING", dir.resolve("nope.json").toString())
                .replace("INVALID", invalid.toString()).split(" ");

        int exit = SimulatorCommand.run(args, print(out), print(err), new CountDownLatch(0), s -> { });

        assertThat(exit).isEqualTo(2);
        assertThat(text(out)).isEmpty();
        assertThat(text(err)).startsWith("callbridge simulator: ").contains(problem).endsWith(System.lineSeparator());
        assertThat(text(err).lines()).hasSize(1);
    }

    @Test
    void should_exit_2_when_the_port_is_taken() {
        try (CallsApiSimulator first = CallsApiSimulator.start(TestFixtures.load(), "127.0.0.1", 0)) {
            String[] args = {"--port", Integer.toString(first.port()), "--fixtures", fixtures.toString()};

            int exit = SimulatorCommand.run(args, print(out), print(err), new CountDownLatch(0), s -> { });

            assertThat(exit).isEqualTo(2);
            assertThat(text(err)).startsWith("callbridge simulator: cannot listen on 127.0.0.1:" + first.port());
            assertThat(text(err).lines()).hasSize(1);
        }
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream buffer) {
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
