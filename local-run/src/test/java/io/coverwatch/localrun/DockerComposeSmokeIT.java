package io.coverwatch.localrun;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * Brings docker-compose.yml up where a Docker engine exists and drives the walking skeleton through it. This
 * machine has no Docker engine, so here it is skipped; {@link DockerComposeFileTest} checks the file's wiring
 * instead, and {@link WalkingSkeletonIT} proves the flow on the same services without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeSmokeIT {

    private static final Duration STARTUP = Duration.ofMinutes(5);

    @Container
    static final ComposeContainer COMPOSE = withEveryService(new ComposeContainer(
                    DockerComposeFileTest.ROOT.resolve("docker-compose.yml").toFile())
            .withEnv("COVERWATCH_DB_PASSWORD", UUID.randomUUID().toString())
            .withBuild(true));

    @Test
    void aVmInASubscriptionWithoutDefenderForServersOpensAFinding() {
        given().baseUri(url(CoverwatchService.INVENTORY))
                .contentType(ContentType.JSON)
                .body(SeedExamples.devSubscription("Free", null))
                .post("/api/resources")
                .then()
                .statusCode(201);
        given().baseUri(url(CoverwatchService.INVENTORY))
                .contentType(ContentType.JSON)
                .body(SeedExamples.devTest03())
                .post("/api/resources")
                .then()
                .statusCode(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().baseUri(url(CoverwatchService.NOTIFICATION))
                .get("/api/alerts/" + SeedExamples.SERVERS_PLAN_FINDING)
                .then()
                .statusCode(200)
                .body("state", equalTo("FIRING")));
    }

    private static ComposeContainer withEveryService(ComposeContainer compose) {
        for (CoverwatchService service : CoverwatchService.values()) {
            compose = compose.withExposedService(
                    service.moduleName(),
                    service.defaultPort(),
                    Wait.forHttp("/q/health/ready").forStatusCode(200).withStartupTimeout(STARTUP));
        }
        return compose;
    }

    private static String url(CoverwatchService service) {
        return "http://" + COMPOSE.getServiceHost(service.moduleName(), service.defaultPort()) + ":"
                + COMPOSE.getServicePort(service.moduleName(), service.defaultPort());
    }
}
