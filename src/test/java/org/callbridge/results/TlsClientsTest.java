package org.callbridge.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.callbridge.hl7.Hl7Context;
import org.callbridge.callsapi.CallsApiClient;
import org.callbridge.callsapi.CallsApiSettings;
import org.callbridge.callsapi.TransientApiException;
import org.callbridge.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clients that leave callbridge over TLS, against receivers whose certificates a hospital-style CA signed: the
 * HL7 write-back sender (with its own certificate, for a receiver that requires one), the webhook and the Calls API
 * client, each trusting its truststore; a receiver whose certificate the truststore does not vouch for is refused.
 */
class TlsClientsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    @BeforeAll
    static void make() throws Exception {
        certificates = TestCertificates.make(dir.resolve("tls"));
    }

    private static Hl7Sink hl7(int port, javax.net.ssl.SSLContext tls) {
        return new Hl7Sink(new Hl7ResultMessageBuilder(new Hl7ResultSettings(Hl7ResultKind.ORU_R01, null, "CB", "EPIC",
                "HOSP"), Hl7Context.context()), new MllpSender("127.0.0.1", port, Duration.ofSeconds(2),
                Duration.ofSeconds(5), tls));
    }

    @Test
    void should_write_hl7_back_over_mutual_tls_and_refuse_a_receiver_the_truststore_does_not_vouch_for() throws Exception {
        try (MllpListener ehr = MllpListener.startTls(TestCertificates.context(certificates.server, certificates.truststore), true);
             MllpListener impostor = MllpListener.startTls(TestCertificates.context(certificates.stranger, null), false)) {
            javax.net.ssl.SSLContext ours = TestCertificates.context(certificates.client, certificates.truststore);

            hl7(ehr.port(), ours).deliver(List.of(Calls.report("{\"appointment_confirmed\": true}")));

            assertThat(ehr.received()).singleElement().satisfies(r -> assertThat(r.message()).startsWith("MSH|"));
            assertThatThrownBy(() -> hl7(impostor.port(), ours).deliver(List.of(Calls.report("{}"))))
                    .hasCauseInstanceOf(ReceiverUnavailableException.class).cause().hasMessageContaining("SSLHandshakeException");
            assertThat(impostor.received()).isEmpty();
            // a receiver that requires a client certificate refuses a sender without one
            assertThatThrownBy(() -> hl7(ehr.port(), TestCertificates.context(null, certificates.truststore))
                    .deliver(List.of(Calls.report("{}")))).hasCauseInstanceOf(ReceiverUnavailableException.class);
            assertThat(ehr.received()).hasSize(1);
        }
    }

    @Test
    void should_post_the_webhook_over_https_trusting_the_truststore_only() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.startTls(WebhookSinkTest.SECRET,
                TestCertificates.context(certificates.server, null))) {
            URI https = URI.create("https://127.0.0.1:" + receiver.port() + "/hooks/calls");

            new WebhookSink(WebhookSinkTest.settings(https, 1), Clock.systemUTC(),
                    TestCertificates.context(null, certificates.truststore)).deliver(List.of(Calls.report("{}")));

            assertThat(receiver.all()).singleElement().satisfies(r -> assertThat(r.signed()).isTrue());
            assertThatThrownBy(() -> new WebhookSink(WebhookSinkTest.settings(https, 1), Clock.systemUTC())
                    .deliver(List.of(Calls.report("{}")))).hasCauseInstanceOf(ReceiverUnavailableException.class)
                    .cause().hasMessageContaining("SSLHandshakeException");
            assertThat(receiver.all()).hasSize(1);
        }
    }

    @Test
    void should_reach_an_https_calls_api_trusting_the_truststore_only() throws Exception {
        HttpsServer api = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 10);
        api.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.context(certificates.server, null)));
        api.createContext("/api/v1/calls/campaigns", exchange -> {
            byte[] body = ("{\"data\": [], \"pagination\": {\"start\": 1, \"requested_size\": 1, \"returned_count\": 0,"
                    + " \"total\": 0, \"hasMore\": false}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.start();
        try {
            CallsApiSettings settings = CallsApiSettings.of("https://127.0.0.1:" + api.getAddress().getPort(), "key-a");

            assertThat(new CallsApiClient(settings, TestCertificates.context(null, certificates.truststore))
                    .listCampaigns(1, 1).data()).isEmpty();
            assertThatThrownBy(() -> new CallsApiClient(settings).listCampaigns(1, 1))
                    .isInstanceOf(TransientApiException.class);
        } finally {
            api.stop(0);
        }
    }
}
