package io.coverwatch.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Kafka, PostgreSQL and a token issuer together, as the Coverwatch services need them. The broker and the database
 * start in parallel, each in its own child process under the given work directory ({@code kafka/} and
 * {@code postgres/}), and both die with this JVM; the {@link LocalTokenIssuer} runs in this JVM.
 */
public final class LocalInfra implements AutoCloseable {

    private final Path workDir;
    private volatile KafkaBroker kafka;
    private volatile PostgresServer postgres;
    private final LocalTokenIssuer tokenIssuer;
    private final String sealingKey;

    private LocalInfra(
            Path workDir, KafkaBroker kafka, PostgresServer postgres, LocalTokenIssuer tokenIssuer, String sealingKey) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.postgres = postgres;
        this.tokenIssuer = tokenIssuer;
        this.sealingKey = sealingKey;
    }

    /** Starts everything on free loopback ports; returns when all is ready. */
    public static LocalInfra start(Path workDir) {
        return start(workDir, 0, 0, 0, false);
    }

    /**
     * Starts everything on free loopback ports, with the services reaching the broker only through a {@code SASL_SSL}
     * listener with a SCRAM login ({@link ScramListener}); returns when all is ready.
     */
    public static LocalInfra startWithKafkaScram(Path workDir) {
        return start(workDir, 0, 0, 0, true);
    }

    /**
     * Starts everything on the given loopback ports (0 = a free port); returns when all is ready. If the broker or the
     * database fails, the other is stopped and the failure is thrown.
     */
    public static LocalInfra start(Path workDir, int kafkaPort, int postgresPort, int tokenIssuerPort) {
        return start(workDir, kafkaPort, postgresPort, tokenIssuerPort, false);
    }

    private static LocalInfra start(
            Path workDir, int kafkaPort, int postgresPort, int tokenIssuerPort, boolean kafkaScram) {
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                () -> startKafka(workDir.resolve("kafka"), kafkaPort, kafkaScram), LocalInfra::runInNewThread);
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> startPostgres(workDir.resolve("postgres"), postgresPort), LocalInfra::runInNewThread);
        try {
            CompletableFuture.allOf(kafka, postgres).join();
        } catch (CompletionException e) {
            kafka.thenAccept(KafkaBroker::close);
            postgres.thenAccept(PostgresServer::close);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        try {
            return new LocalInfra(
                    workDir,
                    kafka.join(),
                    postgres.join(),
                    LocalTokenIssuer.start(tokenIssuerPort),
                    sealingKey(workDir.resolve("sealing.key")));
        } catch (RuntimeException e) {
            kafka.join().close();
            postgres.join().close();
            throw e;
        }
    }

    /** The broker. */
    public KafkaBroker kafka() {
        return kafka;
    }

    /** The PostgreSQL server. */
    public PostgresServer postgres() {
        return postgres;
    }

    /**
     * Starts the broker again on its port and data after it died or was killed (the fault drills kill it); stops what
     * is left of the old one first. Services keep their bootstrap address and reconnect.
     */
    public synchronized KafkaBroker restartKafka() {
        if (kafka.scram().isPresent()) {
            throw new IllegalStateException("a broker with a SCRAM listener gets new credentials when started again");
        }
        kafka.close();
        kafka = startKafka(workDir.resolve("kafka"), kafka.port(), false);
        return kafka;
    }

    /**
     * Stops PostgreSQL as an outage would ({@code pg_ctl stop -m fast}: every connection is cut) and starts it again
     * on the same port and data once {@code outage} returns; the services keep their JDBC URL and reconnect.
     */
    public synchronized void withPostgresStopped(Runnable outage) {
        int port = postgres.port();
        postgres.close();
        try {
            outage.run();
        } finally {
            postgres = startPostgres(workDir.resolve("postgres"), port);
        }
    }

    /**
     * Freezes the broker as a hung host would ({@code SIGSTOP}: its port stays open, nothing answers) while {@code
     * outage} runs, then lets it go on ({@code SIGCONT}) with its connections and data as they were.
     */
    public synchronized void withKafkaFrozen(Runnable outage) {
        long pid = kafka.process().pid();
        signal("STOP", pid);
        try {
            outage.run();
        } finally {
            signal("CONT", pid);
        }
    }

    /** {@code kill -SIGNAL pid}: Java cannot send SIGSTOP or SIGCONT itself. */
    private static void signal(String signal, long pid) {
        try {
            int exit = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " exited " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + signal + " to " + pid, e);
        }
    }

    /** The OpenID Connect issuer the services accept tokens from. */
    public LocalTokenIssuer tokenIssuer() {
        return tokenIssuer;
    }

    /**
     * The Quarkus configuration that points a service at this infrastructure: {@code kafka.bootstrap.servers} (and
     * the other {@code kafka.*} client settings of a SCRAM listener), {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username} and
     * {@code quarkus.datasource.password} (in that order), then the token issuer's
     * ({@link LocalTokenIssuer#quarkusConfig()}) and the key notification-service seals webhook URLs with.
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        kafka.clientConfig().forEach((key, value) -> config.put("kafka." + key, value));
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", postgres.username());
        config.put("quarkus.datasource.password", postgres.password());
        config.putAll(tokenIssuer.quarkusConfig());
        config.put("coverwatch.notification.secrets.key", sealingKey);
        return config;
    }

    /** Stops everything (the broker and the database in parallel). */
    @Override
    public void close() {
        tokenIssuer.close();
        CompletableFuture<Void> kafkaStopped = CompletableFuture.runAsync(kafka::close, LocalInfra::runInNewThread);
        postgres.close();
        kafkaStopped.join();
    }

    /**
     * Deletes the broker's and the database's data (tens of MB each) after {@link #close()}, so the next start is
     * fresh; the logs stay for diagnosis.
     */
    public void deleteData() {
        deleteData(workDir);
    }

    /** Deletes the broker's and the database's data under a work directory (the logs stay); for a stopped infra. */
    public static void deleteData(Path workDir) {
        deleteRecursively(workDir.resolve("kafka").resolve("data"));
        deleteRecursively(workDir.resolve("postgres").resolve("data"));
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + dir, e);
        }
    }

    /**
     * The work directory's own AES-256 key ({@code local:<base64>}), made on first use and kept with the database it
     * sealed secrets in, readable only by its owner.
     */
    private static String sealingKey(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.getParent());
                Files.writeString(file, "local:" + Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
                if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the sealing key in " + file, e);
        }
    }

    private static KafkaBroker startKafka(Path dir, int port, boolean scram) {
        try {
            return KafkaBroker.start(dir, port, scram);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PostgresServer startPostgres(Path dir, int port) {
        try {
            return PostgresServer.start(dir, port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void runInNewThread(Runnable task) {
        Thread thread = new Thread(task, "local-infra");
        thread.setDaemon(true);
        thread.start();
    }
}
