package io.coverwatch.localrun;

import java.nio.file.Path;

/** The four services, with the HTTP port each listens on in the local run and in docker-compose.yml. */
public enum CoverwatchService {
    INVENTORY("inventory-service", 8081),
    EVALUATION("evaluation-service", 8082),
    REMEDIATION("remediation-service", 8083),
    NOTIFICATION("notification-service", 8084);

    private final String moduleName;
    private final int defaultPort;

    CoverwatchService(String moduleName, int defaultPort) {
        this.moduleName = moduleName;
        this.defaultPort = defaultPort;
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
