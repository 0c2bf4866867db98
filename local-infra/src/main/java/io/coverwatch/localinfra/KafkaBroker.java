package io.coverwatch.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) in its own child JVM,
 * listening on 127.0.0.1 only.
 *
 * <p>Why a child JVM: the broker's Kafka/Scala/log4j jars must not meet the classpath of the (Quarkus) code under
 * test, and the broker must die with the JVM that started it (see {@link ChildProcess}).
 *
 * <p>Layout under the work directory: {@code server.properties}, {@code log4j2.properties}, {@code data/} (the
 * KRaft metadata and topic logs, reused when present) and {@code broker.log}.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ChildProcess process;
    private final int port;
    private final ScramListener scram;

    private KafkaBroker(ChildProcess process, int port, ScramListener scram) {
        this.process = process;
        this.port = port;
        this.scram = scram;
    }

    /** Starts a broker on a free loopback port and returns once it answers an admin client. */
    public static KafkaBroker start(Path workDir) throws IOException {
        return start(workDir, 0);
    }

    /**
     * Starts a broker on {@code port} (0 = a free port) and returns once it answers an admin client.
     *
     * @throws IllegalStateException if the broker exits or is not ready within 90 s (the message has its log tail)
     */
    public static KafkaBroker start(Path workDir, int port) throws IOException {
        return start(workDir, port, false);
    }

    /**
     * Starts a broker on {@code port} (0 = a free port), with a second, {@code SASL_SSL} listener that takes SCRAM
     * logins when {@code withScram} (see {@link #scram()}); returns once it answers an admin client.
     */
    public static KafkaBroker start(Path workDir, int port, boolean withScram) throws IOException {
        Path dir = workDir.toAbsolutePath();
        Files.createDirectories(dir);
        int brokerPort = LoopbackPorts.orFree(port);
        int controllerPort = LoopbackPorts.free();
        String bootstrap = "127.0.0.1:" + brokerPort;

        ScramListener scram = withScram ? ScramListener.create(dir.resolve("scram")) : null;

        Path serverProperties = dir.resolve("server.properties");
        Files.writeString(
                serverProperties,
                serverProperties(dir.resolve("data"), brokerPort, controllerPort, scram),
                StandardCharsets.UTF_8);
        Path log4j = ChildJvm.writeLog4jConfig(
                dir.resolve("log4j2.properties"),
                "WARN",
                Map.of(
                        "kafka.server.KafkaRaftServer", "INFO",
                        "org.apache.kafka.clients.NetworkClient", "ERROR"));

        ChildProcess process = ChildProcess.builder(
                        "kafka-broker",
                        ChildJvm.command(
                                "512m",
                                log4j,
                                KafkaBrokerMain.class,
                                scram == null
                                        ? List.of(serverProperties.toString(), bootstrap)
                                        : List.of(serverProperties.toString(), bootstrap, scram.credential())))
                .workingDirectory(dir)
                .logFile(dir.resolve("broker.log"))
                .readyWhen(line -> line.startsWith(KafkaBrokerMain.READY))
                .stopTimeout(Duration.ofSeconds(15))
                .start();
        try {
            process.awaitReady(START_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new KafkaBroker(process, brokerPort, scram);
    }

    private static String serverProperties(Path dataDir, int port, int controllerPort, ScramListener scram) {
        String scramListener = scram == null ? "" : ",SASL_SSL://127.0.0.1:" + scram.port();
        List<String> lines = new ArrayList<>(List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + scramListener + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + scramListener,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL",
                "log.dirs=" + dataDir,
                "num.partitions=4",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=4",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "min.insync.replicas=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "num.recovery.threads.per.data.dir=1"));
        if (scram != null) {
            lines.addAll(scram.brokerProperties());
        }
        return String.join("\n", lines) + "\n";
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /**
     * What a client sets to reach the broker: the {@code SASL_SSL} listener with its SCRAM login when there is one,
     * else the PLAINTEXT listener.
     */
    public Map<String, String> clientConfig() {
        return scram != null ? scram.clientConfig() : Map.of("bootstrap.servers", bootstrapServers());
    }

    /** The SCRAM listener, when the broker was started with one. */
    public Optional<ScramListener> scram() {
        return Optional.ofNullable(scram);
    }

    /** The broker's PLAINTEXT port. */
    public int port() {
        return port;
    }

    /** The broker's child process (pid, log file). */
    public ChildProcess process() {
        return process;
    }

    /** Stops the broker (SIGTERM, SIGKILL after 15 s). */
    @Override
    public void close() {
        process.close();
    }
}
