package io.coverwatch.localrun;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The console and the four services, with the HTTP port each listens on in the local run and in docker-compose.yml,
 * and the port of its management interface (health, metrics, OpenAPI) in the local run. In compose every container
 * keeps Quarkus' management port, {@value #COMPOSE_MANAGEMENT_PORT}, and publishes none. The console comes first: it
 * is what a person opens.
 */
public enum CoverwatchService {
    CONSOLE("console-service", 8080, 9080, 256),
    /**
     * The parallel collector, not G1: a full sync holds two reads of a few subscriptions' Resource Graph rows while it
     * records them, so what the heap holds rises and falls by tens of megabytes every few seconds, and G1 answered with
     * concurrent marking, remembered-set rebuilding and full collections, half of the service's CPU while it onboarded
     * a tenant of 100,000 resources (docs/benchmarks.md, onboard, runs 9–18). The parallel collector does none of that
     * bookkeeping (66 s instead of 76 s, same bench), and the API's heaviest load, the ingest bench's heartbeats, ran
     * at the same rate with either collector.
     */
    INVENTORY("inventory-service", 8081, 9081, 256, List.of("-XX:+UseParallelGC")),
    /**
     * The heartbeat path's batches live across several young collections in a 256 MB heap, and the collector took two
     * thirds of the service's CPU there (docs/benchmarks.md, throughput); 512 MB is what its goal allows. The parallel
     * collector, not G1: the heartbeat path is a throughput workload, and G1's remembered sets, concurrent marking and
     * card refinement were most of what its collector cost (the service's CPU per heartbeat fell by a quarter without
     * them, same bench, same hour). Its pauses are longer, well within the seconds detection allows: in the detection
     * bench's last minute, young collections of 5–190 ms (28 ms on average) and two full ones of 0.1 and 0.5 s. Half the
     * heap young ({@code NewRatio=1}, a third by default): a batch lives from its poll to its commit, a few hundred
     * milliseconds, and in a young generation of a third it was still live at one or two collections, so it was copied,
     * promoted, and collected again by a full collection every few seconds; with half, it dies young (the throughput
     * bench: no full collection after start-up, the collector's share of the service's CPU 35 % → 16 %).
     */
    EVALUATION("evaluation-service", 8082, 9082, 512, List.of("-XX:+UseParallelGC", "-XX:NewRatio=1")),
    REMEDIATION("remediation-service", 8083, 9083, 256),
    NOTIFICATION("notification-service", 8084, 9084, 256);

    /**
     * The four services that hold Coverwatch's state, each with its API under {@code /api} and its own schema: every
     * end-to-end test starts them; the console only where a test drives it.
     */
    public static final Set<CoverwatchService> DOMAIN_SERVICES =
            Collections.unmodifiableSet(EnumSet.complementOf(EnumSet.of(CONSOLE)));

    /** Quarkus' default management port, which docker-compose.yml's health checks probe inside each container. */
    public static final int COMPOSE_MANAGEMENT_PORT = 9000;

    private final String moduleName;
    private final int defaultPort;
    private final int defaultManagementPort;
    private final int maxHeapMegabytes;
    private final List<String> jvmOptions;

    CoverwatchService(String moduleName, int defaultPort, int defaultManagementPort, int maxHeapMegabytes) {
        this(moduleName, defaultPort, defaultManagementPort, maxHeapMegabytes, List.of());
    }

    CoverwatchService(
            String moduleName,
            int defaultPort,
            int defaultManagementPort,
            int maxHeapMegabytes,
            List<String> jvmOptions) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.defaultManagementPort = defaultManagementPort;
        this.maxHeapMegabytes = maxHeapMegabytes;
        this.jvmOptions = jvmOptions;
    }

    /** The JVM's maximum heap in the local run ({@code -Xmx}). */
    public int maxHeapMegabytes() {
        return maxHeapMegabytes;
    }

    /** The JVM's options besides its heap, the same in the local run and in its image's {@code JAVA_OPTS}. */
    public List<String> jvmOptions() {
        return jvmOptions;
    }

    /** Whether it keeps state in PostgreSQL (the console keeps none). */
    public boolean usesDatabase() {
        return this != CONSOLE;
    }

    public int defaultManagementPort() {
        return defaultManagementPort;
    }

    public String moduleName() {
        return moduleName;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The fast-jar that {@code ./mvnw package} builds for this service. */
    public Path runnableJar(Path repositoryRoot) {
        return repositoryRoot.resolve(moduleName).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
