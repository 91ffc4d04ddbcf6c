package org.callbridge;

import io.netty.handler.ssl.ClientAuth;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import org.callbridge.tls.Tls;
import org.callbridge.tls.TlsMaterial;

/**
 * The TLS settings of each endpoint: {@code <prefix>.keystore}, {@code .keystore-password}, {@code .truststore},
 * {@code .truststore-password}; the MLLP listener also {@code callbridge.hl7.mllp.tls.client-auth}, the write-back
 * sender {@code callbridge.hl7.writeback.tls.enabled}.
 */
final class TlsSettings {
    static final String MLLP = "callbridge.hl7.mllp.tls";
    static final String WRITEBACK = "callbridge.hl7.writeback.tls";
    static final String WEBHOOK = "callbridge.webhook.tls";
    static final String API = "callbridge.api.tls";

    private TlsSettings() {
    }

    /** The listener's material when {@code callbridge.hl7.mllp.tls.keystore} is set, else null (plain TCP). */
    static TlsMaterial mllpListener(Settings settings) {
        if (settings.get(MLLP + ".keystore") == null) {
            if (settings.get(MLLP + ".truststore") != null || !"none".equalsIgnoreCase(clientAuthText(settings))) {
                throw new IllegalArgumentException(MLLP + ".keystore is not set: a TLS listener needs its certificate"
                        + " and key (the truststore and client-auth apply only with it)");
            }
            return null;
        }
        return material(settings, MLLP);
    }

    static ClientAuth mllpClientAuth(Settings settings) {
        return Tls.clientAuth(MLLP + ".client-auth", clientAuthText(settings));
    }

    private static String clientAuthText(Settings settings) {
        String value = settings.get(MLLP + ".client-auth");
        return value == null ? "none" : value;
    }

    /** The write-back sender's TLS context with {@code callbridge.hl7.writeback.tls.enabled=true}, else null. */
    static SSLContext writeback(Settings settings) {
        return settings.flag(WRITEBACK + ".enabled") ? material(settings, WRITEBACK).context() : null;
    }

    /** For an https client (webhook, Calls API): a context trusting the truststore under {@code prefix}, or null (the JDK's CAs). */
    static SSLContext httpsTrust(Settings settings, String prefix) {
        return settings.get(prefix + ".truststore") == null ? null : material(settings, prefix).context();
    }

    /** Every TLS file named in the settings read with its password; a problem is an {@link IllegalArgumentException}. */
    static void check(Settings settings) {
        TlsMaterial listener = mllpListener(settings);
        mllpClientAuth(settings);
        if (listener != null) {
            Tls.serverHandler(listener, mllpClientAuth(settings));
        }
        writeback(settings);
        httpsTrust(settings, WEBHOOK);
        httpsTrust(settings, API);
    }

    private static TlsMaterial material(Settings settings, String prefix) {
        return new TlsMaterial(prefix, path(settings, prefix + ".keystore"), password(settings, prefix + ".keystore-password"),
                path(settings, prefix + ".truststore"), password(settings, prefix + ".truststore-password"));
    }

    private static Path path(Settings settings, String key) {
        String value = settings.get(key);
        return value == null ? null : Path.of(value);
    }

    private static char[] password(Settings settings, String key) {
        String value = settings.get(key);
        return value == null ? new char[0] : value.toCharArray();
    }
}
