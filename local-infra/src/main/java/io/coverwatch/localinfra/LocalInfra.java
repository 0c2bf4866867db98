package io.coverwatch.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

/**
 * Kafka and PostgreSQL together, as the Coverwatch services need them. Both start in parallel, each in its own
 * child process under the given work directory ({@code kafka/} and {@code postgres/}), and both die with this JVM.
 */
public final class LocalInfra implements AutoCloseable {

    private final Path workDir;
    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    private LocalInfra(Path workDir, KafkaBroker kafka, PostgresServer postgres) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /** Starts both on free loopback ports; returns when both are ready. */
    public static LocalInfra start(Path workDir) {
        return start(workDir, 0, 0);
    }

    /**
     * Starts both on the given loopback ports (0 = a free port); returns when both are ready. If either fails, the
     * other is stopped and the failure is thrown.
     */
    public static LocalInfra start(Path workDir, int kafkaPort, int postgresPort) {
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                () -> startKafka(workDir.resolve("kafka"), kafkaPort), LocalInfra::runInNewThread);
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                () -> startPostgres(workDir.resolve("postgres"), postgresPort), LocalInfra::runInNewThread);
        try {
            CompletableFuture.allOf(kafka, postgres).join();
        } catch (CompletionException e) {
            kafka.thenAccept(KafkaBroker::close);
            postgres.thenAccept(PostgresServer::close);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return new LocalInfra(workDir, kafka.join(), postgres.join());
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
     * The Quarkus configuration that points a service at this infrastructure: {@code kafka.bootstrap.servers},
     * {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.username} and
     * {@code quarkus.datasource.password} (in that order).
     */
    public Map<String, String> quarkusConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("quarkus.datasource.jdbc.url", postgres.jdbcUrl());
        config.put("quarkus.datasource.username", postgres.username());
        config.put("quarkus.datasource.password", postgres.password());
        return config;
    }

    /** Stops both (in parallel). */
    @Override
    public void close() {
        CompletableFuture<Void> kafkaStopped = CompletableFuture.runAsync(kafka::close, LocalInfra::runInNewThread);
        postgres.close();
        kafkaStopped.join();
    }

    /**
     * Deletes the broker's and the database's data (tens of MB each) after {@link #close()}, so the next start is
     * fresh; the logs stay for diagnosis.
     */
    public void deleteData() {
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

    private static KafkaBroker startKafka(Path dir, int port) {
        try {
            return KafkaBroker.start(dir, port);
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
