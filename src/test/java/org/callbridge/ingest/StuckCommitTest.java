package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.callbridge.operations.StuckTransactions;
import org.callbridge.testing.FreePorts;
import org.callbridge.testing.RunProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit that never returns must not leave the process up and silent. Seen on H2 when a full disk cut a write
 * short: the commit thread spun inside H2 for good, no sender got an ACK again, and once space came back readiness
 * said UP. Here the commit is held by a table lock that another session keeps on PostgreSQL (which, unlike H2, has
 * no lock timeout by default): readiness turns DOWN, and the process ends with its own exit code for its
 * supervisor to restart it, without answering the frame it could not store.
 */
class StuckCommitTest {
    @TempDir
    Path work;

    @Test
    void should_say_down_and_end_the_process_when_a_commit_does_not_return() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            int mllp = FreePorts.next();
            int management = FreePorts.next();
            Path config = RunProcess.config(work, mllp, "callbridge.state.url=" + url, "callbridge.state.user=postgres",
                    "callbridge.management.port=" + management, "callbridge.state.stuck-after=PT4S");
            Path log = work.resolve("run.log");
            Process run = RunProcess.start(List.of(), config, work, log);
            try (Connection holder = postgres.getPostgresDatabase().getConnection()) {
                RunProcess.awaitListening(mllp, run);
                holder.setAutoCommit(false);
                try (Statement s = holder.createStatement()) {
                    // writes wait for this session; reads (the planning cycle's) go on
                    s.execute("LOCK TABLE appointment_event, rejection IN EXCLUSIVE MODE");
                }
                long sent = System.nanoTime();
                try (Socket socket = new Socket("127.0.0.1", mllp)) {
                    socket.setSoTimeout(30_000);
                    socket.getOutputStream().write(Mllp.frame(Mllp.s12("STUCK-1"), true));
                    socket.getOutputStream().flush();

                    assertThat(readinessWhileWaiting(management)).as(() -> read(log)).contains("a state database transaction has run for");
                    assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("ended by itself").isTrue();
                    assertThat(run.exitValue()).isEqualTo(StuckTransactions.STUCK);
                    assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent)).isBetween(4L, 20L);
                    // no ACK for the frame it could not store: the connection just ends
                    InputStream in = socket.getInputStream();
                    assertThat(in.readAllBytes()).isEmpty();
                }
                holder.rollback();
            } finally {
                run.destroyForcibly();
                run.waitFor(30, TimeUnit.SECONDS);
            }
            assertThat(Files.readString(log, StandardCharsets.UTF_8))
                    .contains("callbridge.state.stuck-after")
                    .doesNotContain("STUCK-1");
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    /** The readiness answer once it is DOWN (about the time the commit has waited), or the last one seen. */
    private static String readinessWhileWaiting(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        String last = "";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
            last = answer.statusCode() + " " + answer.body();
            if (answer.statusCode() == 503) {
                return last;
            }
            Thread.sleep(100);
        }
        return last;
    }
}
