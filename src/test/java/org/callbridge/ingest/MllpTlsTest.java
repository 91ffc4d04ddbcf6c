package org.callbridge.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.callbridge.CallbridgeRuntime;
import org.callbridge.config.Settings;
import org.callbridge.testing.FreePorts;
import org.callbridge.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MLLP listener over TLS with required client certificates (mutual TLS), certificates made at test time by a
 * hospital-style CA: an EHR with a certificate of that CA is stored and answered; one without a certificate, with
 * another CA's, or plain TCP on the TLS port, gets nothing stored. (The protocols offered: {@code TlsTest}.)
 */
class MllpTlsTest {
    @TempDir
    static Path work;
    private static TestCertificates certificates;
    private static CallbridgeRuntime runtime;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.make(work.resolve("tls"));
        port = FreePorts.next();
        Settings settings = IngestTestRuntime.settings(work, port).with(Map.of(
                "callbridge.hl7.mllp.tls.keystore", certificates.server.toString(),
                "callbridge.hl7.mllp.tls.keystore-password", TestCertificates.PASSWORD,
                "callbridge.hl7.mllp.tls.truststore", certificates.truststore.toString(),
                "callbridge.hl7.mllp.tls.truststore-password", TestCertificates.PASSWORD,
                "callbridge.hl7.mllp.tls.client-auth", "need"));
        runtime = new CallbridgeRuntime(settings, Clock.systemUTC());
        runtime.start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }


    private static SSLSocket tls(SSLContext context, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        if (protocols.length > 0) {
            socket.setEnabledProtocols(protocols);
        }
        return socket;
    }

    /** Sends the message and returns the ACK frames, or throws when the listener refused the connection. */
    private static List<String> send(Socket socket, String message) throws IOException {
        socket.getOutputStream().write(Mllp.frame(message, true));
        socket.getOutputStream().flush();
        return Mllp.readAcks(socket, 1);
    }

    @Test
    void should_store_and_acknowledge_a_sender_with_a_certificate_of_the_trusted_ca() throws Exception {
        try (SSLSocket socket = tls(TestCertificates.context(certificates.client, certificates.truststore))) {
            List<String> acks = send(socket, Mllp.s12("TLS-OK"));

            assertThat(acks).singleElement().satisfies(ack -> assertThat(Mllp.field(ack, "MSA", 1)).isEqualTo("AA"));
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
        }
        assertThat(runtime.events().latestFor("hl7|TLS-OK")).isPresent();
    }

    @Test
    void should_store_nothing_from_a_sender_without_a_client_certificate() throws Exception {
        assertRefused(TestCertificates.context(null, certificates.truststore), "TLS-NO-CERT");
    }

    @Test
    void should_store_nothing_from_a_sender_whose_certificate_another_ca_signed() throws Exception {
        assertRefused(TestCertificates.context(certificates.stranger, certificates.truststore), "TLS-STRANGER");
    }

    @Test
    void should_store_nothing_from_a_plain_tcp_peer_on_the_tls_port() throws Exception {
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.setSoTimeout(10_000);
            plain.getOutputStream().write(Mllp.frame(Mllp.s12("PLAIN-ON-TLS"), true));
            InputStream in = plain.getInputStream();
            byte[] answer = in.readNBytes(64);
            // whatever came back (nothing, or a TLS alert), it is no MLLP ACK
            assertThat(new String(answer, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("MSA");
        } catch (IOException reset) {
            // the listener dropped the connection
        }
        Thread.sleep(500);
        assertThat(runtime.events().latestFor("hl7|PLAIN-ON-TLS")).isEmpty();
    }

    private static void assertRefused(SSLContext context, String id) throws Exception {
        try (SSLSocket socket = tls(context)) {
            List<String> acks;
            try {
                acks = send(socket, Mllp.s12(id));
            } catch (IOException refused) {
                acks = List.of();
            }
            assertThat(acks).isEmpty();
        }
        Thread.sleep(300);
        assertThat(runtime.events().latestFor("hl7|" + id)).isEmpty();
    }
}
