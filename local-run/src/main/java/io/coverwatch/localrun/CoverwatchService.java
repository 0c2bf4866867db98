package io.coverwatch.localrun;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The console and the four services, with the HTTP port each listens on in the local run and in docker-compose.yml,
 * and the port of its management interface (health, metrics, OpenAPI) in the local run. In compose every container
 * keeps Quarkus' management port, {@value #COMPOSE_MANAGEMENT_PORT}, and publishes none. The console comes first: it
 * is what a person opens.
 */
public enum CoverwatchService {
    CONSOLE("console-service", 8080, 9080),
    INVENTORY("inventory-service", 8081, 9081),
    EVALUATION("evaluation-service", 8082, 9082),
    REMEDIATION("remediation-service", 8083, 9083),
    NOTIFICATION("notification-service", 8084, 9084);

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

    CoverwatchService(String moduleName, int defaultPort, int defaultManagementPort) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
        this.defaultManagementPort = defaultManagementPort;
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
