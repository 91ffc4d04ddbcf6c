package org.callbridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.ingest.IngestTestRuntime;
import org.callbridge.testing.FreePorts;
import org.callbridge.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With callbridge.management.tls.keystore the management server (health, metrics, console, ops API) speaks HTTPS only. */
class ManagementTlsTest {
    @TempDir
    Path work;

    @Test
    void should_serve_health_and_the_ops_api_over_https_only() throws Exception {
        TestCertificates certificates = TestCertificates.make(work.resolve("tls"));
        int port = FreePorts.next();
        Settings settings = IngestTestRuntime.settings(work, FreePorts.next()).with(Map.of(
                "callbridge.management.port", Integer.toString(port),
                "callbridge.management.tls.keystore", certificates.server.toString(),
                "callbridge.management.tls.keystore-password", TestCertificates.PASSWORD,
                "callbridge.console.password", "tls-console-password"));
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings, Clock.systemUTC())) {
            runtime.start();
            HttpClient https = HttpClient.newBuilder().sslContext(TestCertificates.context(null, certificates.truststore)).build();
            String auth = "Basic " + Base64.getEncoder().encodeToString("admin:tls-console-password".getBytes(StandardCharsets.UTF_8));

            HttpResponse<String> health = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/observe/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> me = https.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/ops/v1/me"))
                    .header("Authorization", auth).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(me.statusCode()).isEqualTo(200);
            assertThat(me.body()).contains("admin");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/observe/health")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
