package io.coverwatch.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot run on a machine without Docker, so its wiring is checked here: every environment
 * variable it gives a service names a configuration key that service really has, and the ports agree.
 */
class DockerComposeFileTest {

    static final Path ROOT = Path.of(System.getProperty("coverwatch.repo.root", ".."));

    @Test
    void everyServiceIsBuiltFromItsOwnDockerfileAndWaitsForHealthyInfrastructure() throws IOException {
        Map<String, Object> services = services();
        assertTrue(services.keySet().containsAll(Set.of("kafka", "postgres")), "infrastructure services");
        for (CoverwatchService service : CoverwatchService.values()) {
            Map<String, Object> definition = section(services, service.moduleName());
            Map<String, Object> build = section(definition, "build");
            assertEquals("./" + service.moduleName(), build.get("context"));
            assertTrue(
                    Files.isRegularFile(ROOT.resolve(service.moduleName()).resolve((String) build.get("dockerfile"))),
                    "Dockerfile of " + service.moduleName());
            Map<String, Object> dependsOn = section(definition, "depends_on");
            for (String infrastructure : service.usesDatabase() ? List.of("kafka", "postgres") : List.of("kafka")) {
                assertEquals(
                        "service_healthy",
                        section(dependsOn, infrastructure).get("condition"),
                        service.moduleName() + " waits for a healthy " + infrastructure);
                assertNotNull(section(services, infrastructure).get("healthcheck"), infrastructure + " healthcheck");
            }
        }
    }

    @Test
    void everyServiceRunsInItsImageWithTheJvmOptionsOfTheLocalRun() throws IOException {
        for (CoverwatchService service : CoverwatchService.values()) {
            String dockerfile =
                    Files.readString(ROOT.resolve(service.moduleName()).resolve("src/main/docker/Dockerfile.jvm"));
            Matcher javaOpts = Pattern.compile("ENV JAVA_OPTS=\"([^\"]*)\"").matcher(dockerfile);
            assertTrue(javaOpts.find(), "JAVA_OPTS of " + service.moduleName());
            // The heap is a share of the container's memory there and a fixed size in the local run; the rest agrees.
            Set<String> image = Arrays.stream(javaOpts.group(1).split("\\s+"))
                    .filter(option -> option.startsWith("-XX:") && !option.startsWith("-XX:MaxRAMPercentage="))
                    .collect(Collectors.toSet());
            assertEquals(Set.copyOf(service.jvmOptions()), image, service.moduleName() + ": the same JVM in both");
        }
    }

    @Test
    void onlyTheApiPortIsPublishedAndTheHealthcheckProbesTheManagementInterface() throws IOException {
        Map<String, Object> services = services();
        for (CoverwatchService service : CoverwatchService.values()) {
            Properties properties = applicationProperties(service);
            String port = properties.getProperty("quarkus.http.port");
            assertEquals(Integer.toString(service.defaultPort()), port, "local run and compose use the same port");
            assertEquals(null, properties.getProperty("quarkus.management.port"), "compose relies on the default");
            Map<String, Object> definition = section(services, service.moduleName());
            assertEquals(List.of(port + ":" + port), definition.get("ports"), "the management port is never published");
            List<?> healthcheck = (List<?>) section(definition, "healthcheck").get("test");
            assertTrue(
                    healthcheck.contains(
                            "http://localhost:" + CoverwatchService.COMPOSE_MANAGEMENT_PORT + "/q/health/ready"),
                    healthcheck.toString());
        }
    }

    /** The environment compose gives a service, merged from its anchors; package-visible for the smoke test. */
    static Map<String, String> environment(CoverwatchService service) throws IOException {
        Map<String, Object> environment = section(section(services(), service.moduleName()), "environment");
        return environment.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> String.valueOf(entry.getValue())));
    }

    /** Every configuration key of a service's application.properties, with its profile prefix removed. */
    static Set<String> configKeys(CoverwatchService service) throws IOException {
        return applicationProperties(service).stringPropertyNames().stream()
                .map(key -> key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key)
                .collect(Collectors.toSet());
    }

    private static Properties applicationProperties(CoverwatchService service) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(
                ROOT.resolve(service.moduleName()).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties;
    }

    private static Map<String, Object> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROOT.resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            return section(compose, "services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        assertNotNull(value, "missing " + key);
        return (Map<String, Object>) value;
    }
}
