package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.testing.FreePorts;
import java.time.Duration;
import org.apache.camel.support.ScheduledPollConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health and Prometheus metrics of a running instance, on the management port. */
class OperationsEndpointsTest {
    @TempDir
    Path work;

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void should_serve_health_and_metrics_with_the_ingest_counters() throws Exception {
        int mllp = FreePorts.next();
        Settings settings = IngestTestRuntime.settings(work, mllp);
        String base = "http://127.0.0.1:" + settings.get("callbridge.management.port") + "/observe";
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings, java.time.Clock.systemUTC())) {
            runtime.start();
            try (Socket socket = new Socket("127.0.0.1", mllp)) {
                socket.getOutputStream().write(Mllp.frame(Mllp.sample("01-new-s12.hl7"), true));
                assertThat(Mllp.readAcks(socket, 1)).hasSize(1);
            }

            HttpResponse<String> health = get(base + "/health");
            HttpResponse<String> ready = get(base + "/health/ready");
            HttpResponse<String> live = get(base + "/health/live");
            HttpResponse<String> metrics = get(base + "/metrics");

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(get(base + "/health?exposureLevel=full").body()).contains("state-store");
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("callbridge_events_ingested_total{result=\"stored\",source=\"mllp\"} 1.0")
                    .contains("callbridge_calls{state=\"POSTED\"}", "callbridge_batches{state=\"PARKED\"}",
                            "callbridge_reports{sink=\"json\",state=\"DELIVERED\"}", "callbridge_poll_lag_seconds",
                            "callbridge_events_waiting");
        }
    }

    @Test
    void should_say_down_when_a_file_route_no_longer_polls_though_it_says_started() throws Exception {
        Settings settings = IngestTestRuntime.settings(work, FreePorts.next());
        String ready = "http://127.0.0.1:" + settings.get("callbridge.management.port") + "/observe/health/ready";
        try (CallbridgeRuntime runtime = new CallbridgeRuntime(settings, java.time.Clock.systemUTC())) {
            runtime.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> get(ready).statusCode() == 200);
            org.apache.camel.CamelContext camel = runtime.main().getCamelContext();

            // the poll task dies, as an error thrown out of a poll ends it; the route still says started
            ((ScheduledPollConsumer) camel.getRoute("hl7-files-to-outbox").getConsumer()).getScheduler().unscheduleTask();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> get(ready).statusCode() == 503);
            assertThat(camel.getRouteController().getRouteStatus("hl7-files-to-outbox").isStarted()).isTrue();
            assertThat(get(ready + "?exposureLevel=full").body()).contains("hl7-files-to-outbox has not polled");
        }
    }
}
