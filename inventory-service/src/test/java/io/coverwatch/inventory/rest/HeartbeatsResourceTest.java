package io.coverwatch.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.Topics;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class HeartbeatsResourceTest {

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static final String PROD_DB_01 = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/"
            + "prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01";

    private static final String DEV_TEST_03 = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/"
            + "dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static String heartbeat(String resourceId, Instant timeGenerated) {
        return """
                {"TimeGenerated": "%s", "Computer": "prod-db-01", "Category": "Azure Monitor Agent",
                 "OSType": "Windows", "Version": "1.30.0", "_ResourceId": "%s"}"""
                .formatted(timeGenerated, resourceId);
    }

    @Test
    void acceptedHeartbeatsAreOnKafkaKeyedByMachineAndARedeliveryKeepsItsId() throws Exception {
        Instant now = Instant.now().minusSeconds(1);
        String batch = "[" + heartbeat(PROD_DB_01, now.minusSeconds(60)) + "," + heartbeat(PROD_DB_01, now) + "]";

        given().contentType(ContentType.JSON)
                .body(batch)
                .post("/api/heartbeats")
                .then()
                .statusCode(202)
                .body("accepted", equalTo(2));
        given().contentType(ContentType.JSON)
                .body("{\"records\": " + batch + "}")
                .post("/api/heartbeats")
                .then()
                .statusCode(202);

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            List<ConsumerRecord<String, byte[]>> records = kafka.readAll(Topics.HEARTBEATS).stream()
                    .filter(record -> record.key().equals(PROD_DB_01.toLowerCase()))
                    .toList();
            assertEquals(4, records.size(), "both batches were on Kafka before their 202, keyed by machine");
            assertEquals(
                    2,
                    records.stream()
                            .map(record -> KafkaProbe.header(record, "ce_id").orElseThrow())
                            .collect(Collectors.toSet())
                            .size(),
                    "the re-delivered batch carries the same CloudEvent IDs, so consumers drop it");
            assertEquals(
                    "coverwatch.inventory.heartbeat",
                    KafkaProbe.header(records.get(0), "ce_type").orElseThrow());
        }
    }

    @Test
    void aMalformedBatchIsAProblemNamingTheRecordAndField() {
        String batch = "[" + heartbeat(DEV_TEST_03, Instant.now()) + ","
                + heartbeat(DEV_TEST_03, Instant.now().plus(Duration.ofHours(2))) + "]";

        given().contentType(ContentType.JSON)
                .body(batch)
                .post("/api/heartbeats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("1 record(s) refused; nothing was accepted"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("TimeGenerated"));

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            assertEquals(
                    List.of(),
                    kafka.readAll(Topics.HEARTBEATS).stream()
                            .filter(record -> record.key().equals(DEV_TEST_03.toLowerCase()))
                            .toList(),
                    "a refused batch publishes none of its good records either");
        }
    }

    @Test
    void aBatchOverTheLimitIsTooLarge() {
        String batch = IntStream.range(0, 10_001)
                .mapToObj(i -> heartbeat(PROD_DB_01, Instant.now().minusSeconds(i)))
                .collect(Collectors.joining(",", "[", "]"));

        given().contentType(ContentType.JSON)
                .body(batch)
                .post("/api/heartbeats")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", equalTo("10001 records; at most 10000 per batch"));
    }

    @Test
    void aBodyThatIsNotABatchIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"Computer\": \"prod-db-01\"}")
                .post("/api/heartbeats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aBodyThatIsNotJsonIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("[" + heartbeat(PROD_DB_01, Instant.now()))
                .post("/api/heartbeats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("not JSON"));
    }
}
