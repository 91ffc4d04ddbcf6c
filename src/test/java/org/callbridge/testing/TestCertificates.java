package org.callbridge.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates made at test time with the JDK's keytool, as a hospital would make them with its own CA: a CA,
 * a server certificate for 127.0.0.1 and localhost signed by it, a client certificate signed by it, and a truststore
 * holding the CA. PKCS12 files under one folder, one password.
 */
public final class TestCertificates {
    public static final String PASSWORD = "test-store-secret";

    public final Path ca;
    public final Path server;
    public final Path client;
    public final Path truststore;
    /** A certificate from another CA, that the truststore does not trust. */
    public final Path stranger;

    private TestCertificates(Path dir) {
        this.ca = dir.resolve("ca.p12");
        this.server = dir.resolve("server.p12");
        this.client = dir.resolve("client.p12");
        this.truststore = dir.resolve("truststore.p12");
        this.stranger = dir.resolve("stranger.p12");
    }

    /** Makes the files under {@code dir}. */
    public static TestCertificates make(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestCertificates c = new TestCertificates(dir);
        Path caPem = dir.resolve("ca.pem");
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Test Hospital CA",
                "-ext", "bc:c", "-validity", "3", "-keystore", c.ca.toString());
        keytool("-exportcert", "-rfc", "-alias", "ca", "-file", caPem.toString(), "-keystore", c.ca.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", c.truststore.toString());
        signed(dir, c, c.server, "server", "CN=callbridge test server", "san=ip:127.0.0.1,dns:localhost", caPem);
        signed(dir, c, c.client, "client", "CN=EHR interface engine", null, caPem);
        keytool("-genkeypair", "-alias", "stranger", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Stranger",
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "3", "-keystore", c.stranger.toString());
        return c;
    }

    private static void signed(Path dir, TestCertificates c, Path store, String alias, String dname, String san, Path caPem)
            throws IOException, InterruptedException {
        Path csr = dir.resolve(alias + ".csr");
        Path pem = dir.resolve(alias + ".pem");
        keytool("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-validity",
                "3", "-keystore", store.toString());
        keytool("-certreq", "-alias", alias, "-file", csr.toString(), "-keystore", store.toString());
        List<String> gencert = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", "ca", "-infile", csr.toString(),
                "-outfile", pem.toString(), "-validity", "3", "-keystore", c.ca.toString()));
        if (san != null) {
            gencert.addAll(List.of("-ext", san));
        }
        keytool(gencert.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", caPem.toString(), "-keystore", store.toString());
        keytool("-importcert", "-noprompt", "-alias", alias, "-file", pem.toString(), "-keystore", store.toString());
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed: " + output);
        }
    }

    /** A TLS context with {@code keys} (or none) and trusting {@code trust} (or the JDK's CAs). */
    public static SSLContext context(Path keys, Path trust) throws Exception {
        KeyManagerFactory kmf = null;
        if (keys != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(java.security.KeyStore.getInstance(keys.toFile(), PASSWORD.toCharArray()), PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = null;
        if (trust != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(java.security.KeyStore.getInstance(trust.toFile(), PASSWORD.toCharArray()));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
        return context;
    }
}
