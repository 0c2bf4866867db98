package io.coverwatch.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.Topics;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
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
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class HeartbeatsResourceTest {

    private static final String PROD_DB_01 = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/"
            + "prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01";

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
            kafka.awaitRecord(Topics.HEARTBEATS, record -> true, Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> records = kafka.readAll(Topics.HEARTBEATS);
            assertEquals(4, records.size());
            assertEquals(
                    List.of(PROD_DB_01.toLowerCase()),
                    records.stream().map(ConsumerRecord::key).distinct().toList());
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
        String batch = "[" + heartbeat(PROD_DB_01, Instant.now()) + ","
                + heartbeat(PROD_DB_01, Instant.now().plus(Duration.ofHours(2))) + "]";

        given().contentType(ContentType.JSON)
                .body(batch)
                .post("/api/heartbeats")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("1 record(s) refused; nothing was accepted"))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("TimeGenerated"));
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
}
