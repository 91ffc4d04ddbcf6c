package org.callbridge.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The key and trust files of one TLS endpoint: a keystore (this side's certificate and key; a server needs one, a
 * client only for mutual TLS) and a truststore (the certificates, or the CA, of the other side; none means the JDK's
 * own CAs). PKCS12 or JKS, found by content. Passwords are never printed; a problem names the setting.
 *
 * @param settingPrefix the settings these came from, e.g. {@code callbridge.hl7.mllp.tls}, for messages
 */
public record TlsMaterial(String settingPrefix, Path keystore, char[] keystorePassword, Path truststore,
                          char[] truststorePassword) {

    /** This side's certificates and key, or null without a keystore. */
    public KeyManagerFactory keyManagers() {
        if (keystore == null) {
            return null;
        }
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(load(keystore, keystorePassword, "keystore"), keystorePassword);
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(settingPrefix + ".keystore: " + keystore + " holds no usable key ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Whom to trust, or null without a truststore (the JDK's CAs). */
    public TrustManagerFactory trustManagers() {
        if (truststore == null) {
            return null;
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(load(truststore, truststorePassword, "truststore"));
            return factory;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(settingPrefix + ".truststore: " + truststore + " holds no usable"
                    + " certificate (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** A TLS context with these keys and this trust, for clients (sockets and HTTP). */
    public SSLContext context() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManagerFactory keys = keyManagers();
            TrustManagerFactory trust = trustManagers();
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(settingPrefix + ": no TLS context (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Checks that the files can be read with their passwords; a problem is an {@link IllegalArgumentException}. */
    public void check() {
        keyManagers();
        trustManagers();
    }

    private KeyStore load(Path file, char[] password, String which) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(settingPrefix + "." + which + ": " + file + " is not a readable file");
        }
        try {
            return KeyStore.getInstance(file.toFile(), password);
        } catch (IOException | GeneralSecurityException e) {
            // a wrong password and a damaged file look alike here; the password is never repeated
            throw new IllegalArgumentException(settingPrefix + "." + which + ": " + file + " cannot be read as a keystore"
                    + " with " + settingPrefix + "." + which + "-password (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "TlsMaterial[" + settingPrefix + ", keystore=" + keystore + ", truststore=" + truststore + ", passwords=****]";
    }
}
