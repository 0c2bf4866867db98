package io.coverwatch.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventDeserializer;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ResourcesBatchTest {

    private static final String SUBSCRIPTION_ID = "88888888-8888-8888-8888-888888888888";

    LocalTokenIssuer issuer;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "inventory-script", Roles.READER, Roles.INGEST);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static String id(String name) {
        return "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/batch-rg/providers/Microsoft.Compute"
                + "/virtualMachines/" + name;
    }

    private static String vm(String name, String environmentTag) {
        return """
                {"id": "%s", "type": "Microsoft.Compute/virtualMachines", "name": "%s",
                 "subscriptionId": "%s", "resourceGroup": "batch-rg", "tags": {"env": "%s"},
                 "details": {"kind": "virtualMachine", "osType": "Linux", "powerState": "PowerState/running",
                   "extensions": []}}
                """
                .formatted(id(name), name, SUBSCRIPTION_ID, environmentTag);
    }

    private static String batch(String... elements) {
        return "[" + String.join(",", elements) + "]";
    }

    private static List<ConsumerRecord<String, byte[]>> published(KafkaProbe kafka, String name) {
        return kafka.readAll(Topics.RESOURCES).stream()
                .filter(record -> record.key().equals(id(name).toLowerCase()))
                .toList();
    }

    private static String environmentTag(ConsumerRecord<String, byte[]> record) {
        CloudEvent<CoverwatchEvent> event =
                new CloudEventDeserializer().deserialize(Topics.RESOURCES, record.headers(), record.value());
        return ((ResourceUpserted) event.data()).resource().tags().get("env");
    }

    private void awaitPublished(KafkaProbe kafka, String name, String environmentTag) {
        kafka.awaitRecord(
                Topics.RESOURCES,
                record -> record.key().equals(id(name).toLowerCase())
                        && record.value() != null
                        && environmentTag.equals(environmentTag(record)),
                Duration.ofSeconds(20));
    }

    @Test
    void eachResourceOfABatchIsCreatedChangedOrUnchangedInTheBatchsOrder() {
        for (String name : List.of("mixed-01", "mixed-02")) {
            given().contentType(ContentType.JSON)
                    .body(vm(name, "prod"))
                    .post("/api/resources")
                    .then()
                    .statusCode(201);
        }
        Instant seenBefore = Instant.parse(
                given().get("/api/resources" + id("mixed-01")).then().extract().path("lastSeen"));

        JsonPath answer = given().contentType(ContentType.JSON)
                .body(batch(vm("mixed-03", "prod"), vm("mixed-01", "prod"), vm("mixed-02", "test")))
                .post("/api/resources/batch")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("outcome", equalTo(List.of("CREATED", "UNCHANGED", "CHANGED")))
                .body("resource.id", equalTo(List.of(id("mixed-03"), id("mixed-01"), id("mixed-02"))))
                .body("resource.origin", equalTo(List.of("api", "api", "api")))
                .extract()
                .jsonPath();

        assertTrue(Instant.parse(answer.getString("[1].resource.lastSeen")).isAfter(seenBefore));
        given().get("/api/resources" + id("mixed-02")).then().body("state.tags.env", equalTo("test"));
        given().get("/api/resources" + id("mixed-03")).then().statusCode(200);

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            awaitPublished(kafka, "mixed-02", "test");
            awaitPublished(kafka, "mixed-03", "prod");
            assertEquals(1, published(kafka, "mixed-01").size(), "the unchanged resource is not published again");
            assertEquals(
                    List.of("prod", "test"),
                    published(kafka, "mixed-02").stream()
                            .map(ResourcesBatchTest::environmentTag)
                            .toList());
            assertEquals(1, published(kafka, "mixed-03").size());
        }
    }

    @Test
    void aResourceTwiceInABatchEndsAsItsLaterElementLeftItAndIsPublishedInOrder() {
        given().contentType(ContentType.JSON)
                .body(batch(vm("twice-01", "first"), vm("twice-01", "second"), vm("twice-01", "second")))
                .post("/api/resources/batch")
                .then()
                .statusCode(200)
                .body("outcome", equalTo(List.of("CREATED", "CHANGED", "UNCHANGED")));

        given().get("/api/resources" + id("twice-01")).then().body("state.tags.env", equalTo("second"));
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            awaitPublished(kafka, "twice-01", "second");
            assertEquals(
                    List.of("first", "second"),
                    published(kafka, "twice-01").stream()
                            .map(ResourcesBatchTest::environmentTag)
                            .toList());
        }
    }

    @Test
    void aBatchOfHundredsIsStoredWholeAndAnswersEachResourceAsItWasStored() {
        List<String> elements = new ArrayList<>(IntStream.range(0, 600)
                .mapToObj(i -> vm("bulk-%03d".formatted(i), "first"))
                .toList());
        elements.add(vm("bulk-000", "second"));
        JsonPath answer = given().contentType(ContentType.JSON)
                .body(batch(elements.toArray(String[]::new)))
                .post("/api/resources/batch")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> outcomes = answer.getList("outcome");
        assertEquals(Collections.nCopies(600, "CREATED"), outcomes.subList(0, 600));
        assertEquals("CHANGED", outcomes.get(600));

        List<Map<String, Object>> listed = given().queryParam("q", "bulk-")
                .queryParam("size", 1_000)
                .get("/api/resources")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertEquals(600, listed.size());
        for (int i = 0; i < 600; i++) {
            // bulk-000's answer is its later element's, the last one
            String answered = "[" + (i == 0 ? 600 : i) + "].resource.";
            assertEquals(id("bulk-%03d".formatted(i)), listed.get(i).get("id"));
            assertEquals(Instant.parse(answer.getString(answered + "lastSeen")), Instant.parse((String)
                    listed.get(i).get("lastSeen")));
            assertEquals(Instant.parse(answer.getString(answered + "lastChanged")), Instant.parse((String)
                    listed.get(i).get("lastChanged")));
        }
        given().get("/api/resources" + id("bulk-000")).then().body("state.tags.env", equalTo("second"));
    }

    @Test
    void batchesNamingTheSameResourcesInOppositeOrdersAtOnceAllSucceed() throws Exception {
        List<String> resources =
                IntStream.range(0, 20).mapToObj(i -> vm("crossed-" + i, "prod")).toList();
        String forwards = batch(resources.toArray(String[]::new));
        List<String> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        String backwards = batch(reversed.toArray(String[]::new));
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String body = i % 2 == 0 ? forwards : backwards;
                answers.add(clients.submit(() -> given().contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/resources/batch")
                        .statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(2, TimeUnit.MINUTES));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void oneBadResourceRefusesTheWholeBatchNamingEachBadOneByItsIndexAndField() {
        given().contentType(ContentType.JSON)
                .body(batch(
                        vm("refused-00", "prod"),
                        vm("refused-01", "prod")
                                .replace("\"type\": \"Microsoft.Compute/virtualMachines\"", "\"type\": \"\"")
                                .replace("\"name\": \"refused-01\"", "\"name\": \"" + "x".repeat(513) + "\""),
                        vm("refused-02", "prod").replace("\"osType\"", "\"color\": \"red\", \"osType\""),
                        "null",
                        vm("refused-04", "prod")))
                .post("/api/resources/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("[1].name", "[1].type", "[3]"))
                .body("violations.find { it.field == '[1].name' }.message", equalTo("size must be between 0 and 512"))
                .body("unknownFields", equalTo(List.of("/2/details/color")))
                .body("detail", equalTo("resource(s) [1], [2], [3] refused: nothing was stored"));

        for (String stored : List.of("refused-00", "refused-04")) {
            given().get("/api/resources" + id(stored)).then().statusCode(404);
        }
    }

    @Test
    void aBatchOverItsLimitIsRefusedNamingTheLimit() {
        String overTheLimit = IntStream.range(0, 1_001)
                .mapToObj(i -> vm("limit-" + i, "prod"))
                .collect(Collectors.joining(",", "[", "]"));

        given().contentType(ContentType.JSON)
                .body(overTheLimit)
                .post("/api/resources/batch")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("limit", equalTo(1_000))
                .body("detail", containsString("at most 1,000 per batch"));

        given().get("/api/resources" + id("limit-0")).then().statusCode(404);
    }

    @Test
    void aBodyThatIsNotABatchOfResourcesIsAProblem() {
        given().contentType(ContentType.JSON)
                .body(vm("single-01", "prod"))
                .post("/api/resources/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("expected a JSON array of resources"));
        given().contentType(ContentType.JSON)
                .body(batch(vm("typed-00", "prod"), vm("typed-01", "prod").replace("\"typed-01\"", "12")))
                .post("/api/resources/batch")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("field", equalTo("/1/name"));
        given().contentType(ContentType.JSON)
                .body("[]")
                .post("/api/resources/batch")
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
    }

    @Test
    void aBatchNeedsTheIngestRole() {
        SignedIn.as(issuer, "soc-reader", Roles.READER);

        given().contentType(ContentType.JSON)
                .body(batch(vm("reader-01", "prod")))
                .post("/api/resources/batch")
                .then()
                .statusCode(403);

        given().get("/api/resources" + id("reader-01")).then().statusCode(404);
    }
}
