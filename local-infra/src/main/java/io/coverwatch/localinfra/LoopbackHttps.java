package io.coverwatch.localinfra;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An HTTPS server on loopback with a fresh self-signed certificate for {@code localhost}, made with the JDK's keytool,
 * and a trust store holding it: what the tests' fakes of Azure's endpoints stand on, since the Azure SDK speaks only
 * HTTPS to Resource Manager.
 */
public final class LoopbackHttps implements AutoCloseable {

    /** The password of the trust store (and of the server's own key store); nothing secret guards a test's fake. */
    public static final String TRUST_STORE_PASSWORD = "loopback-https";

    private final HttpsServer server;
    private final Path trustStore;

    private LoopbackHttps(HttpsServer server, Path trustStore) {
        this.server = server;
        this.trustStore = trustStore;
    }

    /** Starts on a free port, every request going to {@code handler}. */
    public static LoopbackHttps start(HttpHandler handler) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("loopback-https");
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.cer");
        Path trustStore = dir.resolve("trust.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "localhost",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=localhost",
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                TRUST_STORE_PASSWORD,
                "-keypass",
                TRUST_STORE_PASSWORD);
        keytool(
                "-exportcert",
                "-alias",
                "localhost",
                "-keystore",
                keyStore.toString(),
                "-storepass",
                TRUST_STORE_PASSWORD,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "localhost",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                trustStore.toString(),
                "-storepass",
                TRUST_STORE_PASSWORD);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, TRUST_STORE_PASSWORD.toCharArray());
            }
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, TRUST_STORE_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/", handler);
            server.start();
            return new LoopbackHttps(server, trustStore);
        } catch (GeneralSecurityException e) {
            throw new IOException("Cannot set up TLS for the loopback server", e);
        }
    }

    /** {@code https://localhost:<port>}, without a trailing slash. */
    public String endpoint() {
        return "https://localhost:" + server.getAddress().getPort();
    }

    /** A PKCS12 trust store holding the server's certificate, opened with {@link #TRUST_STORE_PASSWORD}. */
    public Path trustStore() {
        return trustStore;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
