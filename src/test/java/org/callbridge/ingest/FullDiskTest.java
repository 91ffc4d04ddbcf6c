package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.store.FullDisk;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state database's disk fills up under a running instance: every message is answered AR (nothing is
 * acknowledged that is not stored) and readiness says DOWN; when the disk has room again, messages are stored and
 * answered AA and readiness is UP, without a restart.
 */
class FullDiskTest {
    @TempDir
    Path work;

    @AfterEach
    void emptyDisk() {
        FullDisk.empty();
    }


    private static String send(int port, String id) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(Mllp.frame(Mllp.s12(id), true));
            return Mllp.field(Mllp.readAcks(s, 1).get(0), "MSA", 1);
        }
    }

    private static int status(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void should_answer_ar_while_the_disk_is_full_and_aa_again_once_it_has_room() throws Exception {
        FullDisk.install();
        int port = FreePorts.next();
        Settings settings = IngestTestRuntime.settings(work, port).with(Map.of("callbridge.state.url", "jdbc:h2:fulldisk:"
                + work.resolve("state/callbridge").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0"));
        String ready = "http://127.0.0.1:" + settings.get("callbridge.management.port") + "/observe/health/ready";
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings, Clock.systemUTC())) {
            runtime.start();
            assertThat(send(port, "BEFORE-FULL")).isEqualTo("AA");

            FullDisk.fill();
            for (int i = 0; i < 5; i++) {
                assertThat(send(port, "WHILE-FULL-" + i)).isEqualTo("AR");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> status(ready) == 503);

            FullDisk.empty();

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> send(port, "AFTER-FULL").equals("AA"));
            for (int i = 0; i < 5; i++) {
                assertThat(send(port, "WHILE-FULL-" + i)).as("resent once there is room").isEqualTo("AA");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> status(ready) == 200);
            assertThat(runtime.events().latestFor("hl7|BEFORE-FULL")).isPresent();
        }
    }
}
