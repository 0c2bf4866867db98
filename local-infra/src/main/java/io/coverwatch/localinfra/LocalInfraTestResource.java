package io.coverwatch.localinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Quarkus test resource that runs the tests against a real Kafka broker and a real PostgreSQL, without Docker:
 * {@code @QuarkusTestResource(LocalInfraTestResource.class)} (or {@code @WithTestResource}).
 *
 * <p>Work files go to {@code target/local-infra/<random>} relative to the working directory (the module directory
 * under Surefire/Failsafe). The returned configuration is {@link LocalInfra#quarkusConfig()}. On stop, the data
 * directories (tens of MB each) are deleted; the logs ({@code kafka/broker.log}, {@code postgres/postgres.log})
 * stay for diagnosis.
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private Path workDir;
    private LocalInfra infra;

    @Override
    public Map<String, String> start() {
        workDir = Path.of("target", "local-infra", UUID.randomUUID().toString()).toAbsolutePath();
        infra = LocalInfra.start(workDir);
        return infra.quarkusConfig();
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.close();
            infra = null;
            deleteRecursively(workDir.resolve("kafka").resolve("data"));
            deleteRecursively(workDir.resolve("postgres").resolve("data"));
        }
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
}
