package io.coverwatch.inventory.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ResourcesResourceTest {

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static final String PROD_SUBSCRIPTION_ID = "11111111-1111-1111-1111-111111111111";
    private static final String PROD_WEB_01 = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private static String prodWeb01(String environmentTag) {
        return """
                {"id": "%s", "type": "Microsoft.Compute/virtualMachines", "name": "prod-web-01",
                 "subscriptionId": "%s", "resourceGroup": "prod-rg", "location": "westeurope",
                 "tags": {"env": "%s"},
                 "details": {"kind": "virtualMachine", "osType": "Windows", "powerState": "PowerState/running",
                   "extensions": [{"name": "MDE.Windows", "publisher": "Microsoft.Azure.AzureDefenderForServers",
                     "type": "MDE.Windows", "typeHandlerVersion": "1.0", "provisioningState": "Succeeded"}]}}
                """
                .formatted(PROD_WEB_01, PROD_SUBSCRIPTION_ID, environmentTag);
    }

    @Test
    void fortyFirstSubmissionsOfOneResourceAtOnceAreOneInsertAndThirtyNineSightings() throws Exception {
        String body = prodWeb01("prod")
                .replace("prod-web-01", "race-01")
                .replace(PROD_SUBSCRIPTION_ID, "44444444-4444-4444-4444-444444444444");
        ExecutorService clients = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                answers.add(clients.submit(() -> given().contentType(ContentType.JSON)
                        .body(body)
                        .post("/api/resources")
                        .statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(2, TimeUnit.MINUTES));
            }
            assertEquals(1, Collections.frequency(statuses, 201), statuses.toString());
            assertEquals(39, Collections.frequency(statuses, 200), statuses.toString());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aDefenderPlanWithoutANameIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(
                        """
                        {"id": "/subscriptions/%1$s", "type": "Microsoft.Resources/subscriptions",
                         "subscriptionId": "%1$s",
                         "details": {"kind": "subscription", "defenderPlans": [{"pricingTier": "Standard"}]}}
                        """
                                .formatted(PROD_SUBSCRIPTION_ID))
                .post("/api/resources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", containsString("defenderPlans[0].name"))
                .body("violations[0].message", equalTo("must not be blank"));
    }

    @Test
    void aTagWithoutAValueAndANameOverItsLimitAreRefusedNamingTheLimit() {
        given().contentType(ContentType.JSON)
                .body(prodWeb01("prod")
                        .replace("\"name\": \"prod-web-01\"", "\"name\": \"" + "x".repeat(513) + "\"")
                        .replace("{\"env\": \"prod\"}", "{\"env\": null}"))
                .post("/api/resources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.message", containsInAnyOrder("must not be null", "size must be between 0 and 512"));
    }

    @Test
    void aResourceIsPublishedWhenNewOrChangedAndNeverWhenUnchanged() throws Exception {
        given().contentType(ContentType.JSON)
                .body(prodWeb01("prod"))
                .post("/api/resources")
                .then()
                .statusCode(201)
                .body("id", equalTo(PROD_WEB_01));
        given().contentType(ContentType.JSON)
                .body(prodWeb01("prod"))
                .post("/api/resources")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(prodWeb01("production"))
                .post("/api/resources")
                .then()
                .statusCode(201);

        given().get("/api/resources" + PROD_WEB_01)
                .then()
                .statusCode(200)
                .body("state.tags.env", equalTo("production"))
                .body("state.details.extensions[0].type", equalTo("MDE.Windows"));
        given().queryParam("subscription", PROD_SUBSCRIPTION_ID.toUpperCase())
                .get("/api/resources")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].origin", equalTo("api"));

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.awaitRecord(
                    Topics.RESOURCES,
                    record -> record.key().equals(PROD_WEB_01.toLowerCase())
                            && new String(record.headers()
                                            .lastHeader("ce_source")
                                            .value())
                                    .endsWith("/api"),
                    Duration.ofSeconds(20));
            List<ConsumerRecord<String, byte[]>> published = kafka.readAll(Topics.RESOURCES).stream()
                    .filter(record -> record.key().equals(PROD_WEB_01.toLowerCase()))
                    .toList();
            assertEquals(2, published.size(), "new, then changed: the unchanged resubmission is not published");
            CloudEvent<CoverwatchEvent> latest = new CloudEventDeserializer()
                    .deserialize(
                            Topics.RESOURCES,
                            published.get(1).headers(),
                            published.get(1).value());
            ResourceUpserted upserted = assertInstanceOf(ResourceUpserted.class, latest.data());
            assertEquals("production", upserted.resource().tags().get("env"));
        }
    }

    @Test
    void listingsFilterByTagTextAndOrigin() {
        String prodSql = "/subscriptions/" + PROD_SUBSCRIPTION_ID
                + "/resourceGroups/data-rg/providers/Microsoft.Sql/servers/analytics-db";
        given().contentType(ContentType.JSON)
                .body(
                        """
                        {"id": "%s", "type": "Microsoft.Sql/servers", "name": "analytics-db",
                         "subscriptionId": "%s", "tags": {"env": "prod", "team": "data"}}
                        """
                                .formatted(prodSql, PROD_SUBSCRIPTION_ID))
                .post("/api/resources")
                .then()
                .statusCode(201);

        given().queryParam("tag", "team=data").get("/api/resources").then().body("id", equalTo(List.of(prodSql)));
        given().queryParam("tag", "team").get("/api/resources").then().body("id", equalTo(List.of(prodSql)));
        given().queryParam("tag", "team=web").get("/api/resources").then().body("$", hasSize(0));
        given().queryParam("q", "ANALYTICS").get("/api/resources").then().body("id", equalTo(List.of(prodSql)));
        given().queryParam("q", "analytics")
                .queryParam("origin", "demo")
                .get("/api/resources")
                .then()
                .body("$", hasSize(0));
    }

    @Test
    void aDeletedResourceIsAnnouncedThenTombstoned() throws Exception {
        String storage = "/subscriptions/" + PROD_SUBSCRIPTION_ID
                + "/resourceGroups/prod-rg/providers/Microsoft.Storage/storageAccounts/prodlogs01";
        given().contentType(ContentType.JSON)
                .body(
                        """
                        {"id": "%s", "type": "Microsoft.Storage/storageAccounts", "name": "prodlogs01",
                         "subscriptionId": "%s"}
                        """
                                .formatted(storage, PROD_SUBSCRIPTION_ID))
                .post("/api/resources")
                .then()
                .statusCode(201);

        given().delete("/api/resources" + storage).then().statusCode(204);
        given().get("/api/resources" + storage).then().statusCode(404);
        given().delete("/api/resources" + storage).then().statusCode(404).contentType("application/problem+json");

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.awaitRecord(
                    Topics.RESOURCES,
                    record -> record.key().equals(storage.toLowerCase()) && record.value() == null,
                    Duration.ofSeconds(20));
            List<String> published = kafka.readAll(Topics.RESOURCES).stream()
                    .filter(record -> record.key().equals(storage.toLowerCase()))
                    .map(record -> record.value() == null
                            ? "tombstone"
                            : KafkaProbe.header(record, "ce_type").orElseThrow())
                    .toList();
            assertEquals(
                    List.of(
                            "coverwatch.inventory.resource.upserted",
                            "coverwatch.inventory.resource.deleted",
                            "tombstone"),
                    published);
        }
    }

    @Test
    void theResourcesTopicIsLogCompacted() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RESOURCES);
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
    }

    @Test
    void anInvalidResourceIsAProblemNamingEachField() {
        given().contentType(ContentType.JSON)
                .body("{\"id\": \"prod-web-01\", \"type\": \"\"}")
                .post("/api/resources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", containsInAnyOrder("id", "subscriptionId", "type"))
                .body("violations.find { it.field == 'id' }.message", equalTo("must be an ARM resource ID"))
                .body("violations.in", everyItem(equalTo("body")));
    }

    @Test
    void everyFieldOfTheContractIsKept() {
        String hciSubscriptionId = "66666666-6666-6666-6666-666666666666";
        String hciCluster = "/subscriptions/" + hciSubscriptionId
                + "/resourceGroups/hci-rg/providers/Microsoft.AzureStackHCI/clusters/hci-cluster-01";
        String onpremSql01 = "/subscriptions/" + hciSubscriptionId
                + "/resourceGroups/hci-rg/providers/Microsoft.HybridCompute/machines/onprem-sql-01";
        String denyExtensions = "/subscriptions/" + hciSubscriptionId
                + "/providers/Microsoft.Authorization/policyAssignments/deny-vm-extensions";

        given().contentType(ContentType.JSON)
                .body(
                        """
                        {"id": "%s", "type": "Microsoft.HybridCompute/machines", "name": "onprem-sql-01",
                         "subscriptionId": "%s", "resourceGroup": "hci-rg", "location": "westeurope",
                         "tags": {"env": "prod"}, "azureLocalInstanceId": "%s",
                         "details": {"kind": "arcMachine", "status": "Connected",
                           "lastStatusChange": "2026-11-23T06:00:00Z", "osType": "windows",
                           "os": {"name": "Windows Server 2022 Datacenter"}, "agentVersion": "1.45",
                           "cloudProvider": "N/A", "extensions": [], "dataCollectionRuleIds": [],
                           "extensionPolicyAssignmentId": "%s"}}
                        """
                                .formatted(onpremSql01, hciSubscriptionId, hciCluster, denyExtensions))
                .post("/api/resources")
                .then()
                .statusCode(201);

        given().get("/api/resources" + onpremSql01)
                .then()
                .statusCode(200)
                .body("state.azureLocalInstanceId", equalTo(hciCluster))
                .body("state.location", equalTo("westeurope"))
                .body("state.resourceGroup", equalTo("hci-rg"))
                .body("state.details.lastStatusChange", equalTo("2026-11-23T06:00:00Z"))
                .body("state.details.os.name", equalTo("Windows Server 2022 Datacenter"))
                .body("state.details.agentVersion", equalTo("1.45"))
                .body("state.details.extensionPolicyAssignmentId", equalTo(denyExtensions));
    }

    @Test
    void fieldsTheContractDoesNotHaveAreRefusedByName() {
        given().contentType(ContentType.JSON)
                .body(
                        """
                        {"id": "%s", "type": "Microsoft.Compute/virtualMachines", "subscriptionId": "%s",
                         "azureLocalInstance": "/subscriptions/x", "details": {"kind": "virtualMachine",
                         "osType": "Windows", "extensionPolicyDeniedBy": "someone"}}
                        """
                                .formatted(PROD_WEB_01.replace("prod-web-01", "prod-web-09"), PROD_SUBSCRIPTION_ID))
                .post("/api/resources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("unknownFields", containsInAnyOrder("/azureLocalInstance", "/details/extensionPolicyDeniedBy"))
                .body("detail", containsString("/azureLocalInstance"));

        given().get("/api/resources" + PROD_WEB_01.replace("prod-web-01", "prod-web-09"))
                .then()
                .statusCode(404);
    }

    @Test
    void unreadableJsonIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"id\": ")
                .post("/api/resources")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("detail", not(containsString("at io.")));
    }

    @Test
    void anUnknownResourceIsAProblem() {
        given().get("/api/resources/subscriptions/" + PROD_SUBSCRIPTION_ID + "/resourceGroups/x/providers/y/z/nope")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
