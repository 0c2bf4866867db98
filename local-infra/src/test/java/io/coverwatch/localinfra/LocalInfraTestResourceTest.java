package io.coverwatch.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LocalInfraTestResourceTest {

    @Test
    void providesQuarkusConfigurationAndStops() throws Exception {
        LocalInfraTestResource resource = new LocalInfraTestResource();
        Map<String, String> config = resource.start();
        String url = config.get("quarkus.datasource.jdbc.url");
        try {
            assertEquals(
                    List.of(
                            "kafka.bootstrap.servers",
                            "quarkus.datasource.jdbc.url",
                            "quarkus.datasource.username",
                            "quarkus.datasource.password",
                            "quarkus.oidc.auth-server-url",
                            "quarkus.oidc.client-id",
                            "quarkus.oidc.token.audience",
                            LocalTokenIssuer.CLIENT_SECRET_PROPERTY,
                            "coverwatch.notification.secrets.key"),
                    List.copyOf(config.keySet()));
            try (Connection connection = DriverManager.getConnection(
                    url, config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"))) {
                assertTrue(connection.isValid(5));
            }
        } finally {
            resource.stop();
        }
        assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "postgres")
                .close());
        try (Stream<Path> dirs = Files.list(Path.of("target", "local-infra"))) {
            List<Path> leftData = dirs.filter(dir ->
                            Files.exists(dir.resolve("postgres/data")) || Files.exists(dir.resolve("kafka/data")))
                    .collect(Collectors.toList());
            assertTrue(leftData.isEmpty(), "data directories deleted: " + leftData);
        }
    }
}
