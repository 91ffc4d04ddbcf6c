package org.callbridge.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.ingest.IngestTestRuntime;
import org.callbridge.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without callbridge.console.password the console and the ops API are off; health and metrics are served as ever. */
class ConsoleOffTest {
    @TempDir
    Path work;

    @Test
    void should_keep_the_console_and_ops_api_off_without_a_password() throws Exception {
        int port = FreePorts.next();
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(IngestTestRuntime.settings(work, FreePorts.next())
                .with(Map.of("callbridge.management.port", Integer.toString(port))), Clock.systemUTC())) {
            runtime.start();
            HttpClient http = HttpClient.newHttpClient();

            for (String path : new String[] {"/ops/v1/overview", "/console/", "/ops/v1/openapi.json"}) {
                HttpResponse<String> off = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Basic YWRtaW46").build(), HttpResponse.BodyHandlers.ofString());
                assertThat(off.statusCode()).as(path).isEqualTo(404);
            }
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
    }
}
