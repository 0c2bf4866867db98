package io.coverwatch.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A broker listener that takes clients only over TLS with a SCRAM-SHA-512 login, as Azure Event Hubs' Kafka endpoint
 * and managed Kafka services do ({@code SASL_SSL}). The broker's certificate is self-signed for 127.0.0.1 and made
 * per start with the JDK's keytool; the user and both passwords are random per start.
 *
 * @param port               the listener's port on 127.0.0.1
 * @param keystore           the broker's key and certificate (PKCS12)
 * @param truststore         the broker's certificate alone, for clients (PKCS12)
 * @param storePassword      the password of both stores
 */
public record ScramListener(
        int port, String username, String password, Path keystore, Path truststore, String storePassword) {

    static final String MECHANISM = "SCRAM-SHA-512";

    /** Makes the stores under {@code dir} and picks a free port, a user name and passwords. */
    static ScramListener create(Path dir) throws IOException {
        Files.createDirectories(dir);
        String storePassword = random();
        Path keystore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.crt");
        Path truststore = dir.resolve("clients-truststore.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "broker",
                "-keyalg",
                "RSA",
                "-keysize",
                "2048",
                "-validity",
                "2",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                storePassword);
        keytool(
                "-exportcert",
                "-alias",
                "broker",
                "-keystore",
                keystore.toString(),
                "-storepass",
                storePassword,
                "-file",
                certificate.toString());
        keytool(
                "-importcert",
                "-noprompt",
                "-alias",
                "broker",
                "-file",
                certificate.toString(),
                "-storetype",
                "PKCS12",
                "-keystore",
                truststore.toString(),
                "-storepass",
                storePassword);
        return new ScramListener(
                LoopbackPorts.free(),
                "coverwatch-" + random().substring(0, 6),
                random(),
                keystore,
                truststore,
                storePassword);
    }

    /** The broker's settings for this listener, besides adding it to {@code listeners}. */
    List<String> brokerProperties() {
        return List.of(
                "sasl.enabled.mechanisms=" + MECHANISM,
                "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config="
                        + "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "listener.name.sasl_ssl.ssl.keystore.type=PKCS12",
                "listener.name.sasl_ssl.ssl.keystore.location=" + keystore,
                "listener.name.sasl_ssl.ssl.keystore.password=" + storePassword,
                "listener.name.sasl_ssl.ssl.key.password=" + storePassword);
    }

    /** The storage tool's argument that creates the user when the broker's storage is formatted. */
    String credential() {
        return MECHANISM + "=[name=" + username + ",password=" + password + "]";
    }

    /** What a Kafka client sets to reach the broker through this listener. */
    public Map<String, String> clientConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("bootstrap.servers", "127.0.0.1:" + port);
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", MECHANISM);
        config.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
                        + "\" password=\"" + password + "\";");
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.location", truststore.toString());
        config.put("ssl.truststore.password", storePassword);
        return config;
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while running keytool", e));
        }
    }

    private static String random() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
