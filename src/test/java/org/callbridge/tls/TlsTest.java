package org.callbridge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import javax.net.ssl.SSLEngine;
import org.callbridge.testing.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS the listener offers (TLS 1.2 and 1.3 only, client certificates as set), and files that cannot be used. */
class TlsTest {
    @TempDir
    static Path dir;
    private static TestCertificates certificates;

    @BeforeAll
    static void make() throws Exception {
        certificates = TestCertificates.make(dir.resolve("tls"));
    }

    private static TlsMaterial server(Path truststore) {
        char[] password = TestCertificates.PASSWORD.toCharArray();
        return new TlsMaterial("callbridge.hl7.mllp.tls", certificates.server, password, truststore, password);
    }

    private static SSLEngine engine(TlsMaterial material, ClientAuth clientAuth) {
        EmbeddedChannel channel = new EmbeddedChannel(Tls.serverHandler(material, clientAuth).newChannelHandler());
        return ((SslHandler) channel.pipeline().get("tls")).engine();
    }

    @Test
    void should_offer_tls_1_3_and_1_2_only() {
        assertThat(engine(server(null), ClientAuth.NONE).getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
    }

    @Test
    void should_ask_for_client_certificates_as_set() {
        SSLEngine none = engine(server(null), ClientAuth.NONE);
        SSLEngine want = engine(server(certificates.truststore), ClientAuth.OPTIONAL);
        SSLEngine need = engine(server(certificates.truststore), ClientAuth.REQUIRE);

        assertThat(none.getNeedClientAuth() || none.getWantClientAuth()).isFalse();
        assertThat(want.getWantClientAuth()).isTrue();
        assertThat(want.getNeedClientAuth()).isFalse();
        assertThat(need.getNeedClientAuth()).isTrue();
    }

    @Test
    void should_leave_the_pipeline_alone_without_tls() {
        EmbeddedChannel channel = new EmbeddedChannel(Tls.serverHandler(null, ClientAuth.NONE).newChannelHandler());

        assertThat(channel.pipeline().names()).doesNotContain("tls").hasSize(1); // the embedded channel's own tail
    }

    @Test
    void should_name_the_setting_and_never_the_password_when_a_file_cannot_be_used() {
        TlsMaterial wrongPassword = new TlsMaterial("callbridge.hl7.mllp.tls", certificates.server,
                "not-the-password".toCharArray(), null, null);
        TlsMaterial missing = new TlsMaterial("callbridge.hl7.writeback.tls", null, null, dir.resolve("absent.p12"),
                new char[0]);

        assertThatThrownBy(wrongPassword::check).hasMessageContaining("callbridge.hl7.mllp.tls.keystore")
                .hasMessageContaining("keystore-password").hasMessageNotContaining("not-the-password");
        assertThatThrownBy(missing::check).hasMessageContaining("callbridge.hl7.writeback.tls.truststore")
                .hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> Tls.serverHandler(server(null), ClientAuth.REQUIRE))
                .hasMessageContaining("callbridge.hl7.mllp.tls.truststore is not set");
        assertThat(wrongPassword.toString()).doesNotContain("not-the-password");
    }

    @Test
    void should_read_client_auth_as_the_setting_spells_it() {
        assertThat(Tls.clientAuth("k", "none")).isEqualTo(ClientAuth.NONE);
        assertThat(Tls.clientAuth("k", " Want ")).isEqualTo(ClientAuth.OPTIONAL);
        assertThat(Tls.clientAuth("k", "need")).isEqualTo(ClientAuth.REQUIRE);
        assertThatThrownBy(() -> Tls.clientAuth("callbridge.hl7.mllp.tls.client-auth", "always"))
                .hasMessage("callbridge.hl7.mllp.tls.client-auth is none, want or need: always");
    }
}
