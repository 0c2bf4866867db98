package io.coverwatch.localrun;

import static io.restassured.RestAssured.given;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Brings docker-compose.yml up where a Docker engine exists: every service gets ready (probed on its management port,
 * which compose does not publish) and refuses an API call without a token. Driving a flow through it takes tokens from
 * a real Entra ID tenant, which a test cannot have; {@link WalkingSkeletonIT} drives the flow on the same services with
 * the local issuer. This machine has no Docker engine, so here it is skipped; {@link DockerComposeFileTest} checks the
 * file's wiring instead.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeSmokeIT {

    private static final Duration STARTUP = Duration.ofMinutes(5);

    @Container
    static final ComposeContainer COMPOSE = withEveryService(new ComposeContainer(
                    DockerComposeFileTest.ROOT.resolve("docker-compose.yml").toFile())
            .withEnv("COVERWATCH_DB_PASSWORD", UUID.randomUUID().toString())
            .withEnv("COVERWATCH_ENTRA_TENANT_ID", UUID.randomUUID().toString())
            .withEnv("COVERWATCH_ENTRA_CLIENT_ID", UUID.randomUUID().toString())
            .withEnv("COVERWATCH_ENTRA_CLIENT_SECRET", UUID.randomUUID().toString())
            .withEnv("COVERWATCH_SEALING_KEY", "smoke:" + Base64.getEncoder().encodeToString(randomKey()))
            .withBuild(true));

    @Test
    void everyServiceIsReadyAndRefusesACallWithoutAToken() {
        for (CoverwatchService service : CoverwatchService.DOMAIN_SERVICES) {
            given().baseUri(url(service, service.defaultPort()))
                    .get("/api/anything")
                    .then()
                    .statusCode(401);
        }
    }

    private static ComposeContainer withEveryService(ComposeContainer compose) {
        for (CoverwatchService service : CoverwatchService.DOMAIN_SERVICES) {
            compose = compose.withExposedService(service.moduleName(), service.defaultPort())
                    .withExposedService(
                            service.moduleName(),
                            CoverwatchService.COMPOSE_MANAGEMENT_PORT,
                            Wait.forHttp("/q/health/ready").forStatusCode(200).withStartupTimeout(STARTUP));
        }
        return compose;
    }

    private static String url(CoverwatchService service, int port) {
        return "http://" + COMPOSE.getServiceHost(service.moduleName(), port) + ":"
                + COMPOSE.getServicePort(service.moduleName(), port);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
