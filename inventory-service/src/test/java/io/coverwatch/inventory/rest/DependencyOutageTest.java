package io.coverwatch.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfra;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client of inventory while the broker or the database is away: its request is refused promptly with 503 and
 * Retry-After, never a 500 or a minute's hang. It sends the request again later, which is safe: a heartbeat batch the
 * producer had already handed over may still reach the broker when it thaws, and consumers drop the repeat by ID.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DependencyOutageTest {

    /** A machine of its own: the batch refused here may still reach the broker once it thaws (see below). */
    private static final String DEV_TEST_07 = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/"
            + "dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-07";

    LocalInfra infra;
    LocalTokenIssuer issuer;

    @ConfigProperty(name = "coverwatch.inventory.heartbeats.send-timeout")
    Duration sendTimeout;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @BeforeEach
    void readyAndSignedIn() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get(readiness).then().statusCode(200));
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void aHeartbeatBatchPostedToAFrozenBrokerIsA503WithinTheSendTimeout() {
        infra.withKafkaFrozen(() -> {
            Instant asked = Instant.now();
            given().contentType(ContentType.JSON)
                    .body(
                            """
                            [{"TimeGenerated": "%s", "Computer": "dev-test-07", "Category": "Azure Monitor Agent",
                              "OSType": "Linux", "Version": "1.30.0", "_ResourceId": "%s"}]"""
                                    .formatted(Instant.now(), DEV_TEST_07))
                    .post("/api/heartbeats")
                    .then()
                    .statusCode(503)
                    .contentType("application/problem+json")
                    .header("Retry-After", is("5"))
                    .body("detail", containsString("The broker did not answer"));
            Duration waited = Duration.between(asked, Instant.now());
            // Bounded by the send timeout (plus the request's own time), not by the producer's minute.
            assertTrue(waited.compareTo(sendTimeout.plusSeconds(5)) < 0, "answered after " + waited);
        });
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get(readiness).then().statusCode(200));
    }

    @Test
    void aResourcePostedWhileTheDatabaseIsStoppedIsA503() {
        infra.withPostgresStopped(() -> given().contentType(ContentType.JSON)
                .body(
                        """
                        {"id": "%s", "type": "Microsoft.Compute/virtualMachines", "name": "dev-test-07",
                         "subscriptionId": "22222222-2222-2222-2222-222222222222", "resourceGroup": "dev-rg",
                         "location": "westeurope",
                         "details": {"kind": "virtualMachine", "osType": "Linux", "powerState": "PowerState/running",
                           "extensions": []}}"""
                                .formatted(DEV_TEST_07))
                .post("/api/resources")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", is("5"))
                .body("detail", containsString("The database did not answer")));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get(readiness).then().statusCode(200));
    }
}
