package io.coverwatch.inventory.azure;

import static io.coverwatch.inventory.azure.ProdEstate.DEV_WEB_01;
import static io.coverwatch.inventory.azure.ProdEstate.HCI_CLUSTER_01;
import static io.coverwatch.inventory.azure.ProdEstate.MCSB_ASSIGNMENT;
import static io.coverwatch.inventory.azure.ProdEstate.ONPREM_SQL_01;
import static io.coverwatch.inventory.azure.ProdEstate.PROD_LOGS;
import static io.coverwatch.inventory.azure.ProdEstate.PROD_SUBSCRIPTION;
import static io.coverwatch.inventory.azure.ProdEstate.PROD_WEB_01;
import static io.coverwatch.inventory.azure.ProdEstate.SECURITY_EVENTS;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.cloudevents.CloudEventDeserializer;
import io.coverwatch.inventory.eventhubs.EventHubRecords;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Targeted refresh from Activity Log changes and {@code POST /api/sync?resourceId=}: the real SDK against the fake,
 * the real broker and database. Each test starts from a full sync of {@link ProdEstate}, then changes the fake the
 * way Azure would change and reports the change the way the Activity Log would.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(FakeAzureTestResource.class)
class AzureRefreshTest {

    LocalTokenIssuer issuer;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final FakeAzure azure = FakeAzureTestResource.fake();

    @Inject
    EventHubRecords records;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeEach
    void estate() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
        AzureSyncTest.awaitIdle();
        azure.reset();
        ProdEstate.serve(azure);
        AzureSyncTest.syncAndWait();
    }

    @Test
    void aBurstOfWritesToProdWeb01ReadsItOnceAndPublishesOneChange() throws Exception {
        Instant before = Instant.now();
        Map<String, Object> othersBefore = lastSeen(ONPREM_SQL_01, HCI_CLUSTER_01, PROD_LOGS, SECURITY_EVENTS);
        int queriesBefore = azure.queries().size();
        ObjectNode deallocated = ProdEstate.prodWeb01();
        ((ObjectNode) deallocated.at("/properties/extended/instanceView/powerState"))
                .put("code", "PowerState/deallocated");
        azure.replace(deallocated);

        for (int i = 0; i < 5; i++) {
            activityLog("Microsoft.Compute/virtualMachines/write", PROD_WEB_01);
        }

        awaitState(PROD_WEB_01, "state.details.powerState", "PowerState/deallocated");
        AzureSyncTest.awaitIdle();
        List<String> queries =
                azure.queries().subList(queriesBefore, azure.queries().size());
        assertEquals(3, queries.size(), "one targeted query per table for the whole burst: " + queries);
        assertTrue(queries.get(0).startsWith("resources")
                && queries.get(1).startsWith("insightresources")
                && queries.get(2).startsWith("policyresources"));
        queries.forEach(query -> assertTrue(
                query.contains("| where target in ('" + PROD_WEB_01.toLowerCase(Locale.ROOT) + "')"),
                "names prod-web-01 only: " + query));
        assertEquals(othersBefore, lastSeen(ONPREM_SQL_01, HCI_CLUSTER_01, PROD_LOGS, SECURITY_EVENTS));

        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            Awaitility.await()
                    .during(Duration.ofSeconds(2))
                    .atMost(TIMEOUT)
                    .until(() -> eventsSince(kafka, before), events -> events.size() == 1);
            CloudEvent<CoverwatchEvent> event = eventsSince(kafka, before).get(0);
            ResourceUpserted upserted = assertInstanceOf(ResourceUpserted.class, event.data());
            assertEquals(PROD_WEB_01, upserted.resource().id());
            assertEquals(
                    "PowerState/deallocated",
                    assertInstanceOf(
                                    VirtualMachineDetails.class,
                                    upserted.resource().details())
                            .powerState());
        }
    }

    @Test
    void anExtensionRemovedFromProdWeb01RefreshesTheVm() {
        azure.withoutResource(PROD_WEB_01 + "/extensions/MDE.Windows");

        activityLog("Microsoft.Compute/virtualMachines/extensions/delete", PROD_WEB_01 + "/extensions/MDE.Windows");

        awaitState(PROD_WEB_01, "state.details.extensions.type", List.of("AzureMonitorWindowsAgent"));
    }

    @Test
    void aDeletedResourceIsForgottenOnceResourceGraphNoLongerHasIt() throws Exception {
        Instant before = Instant.now();
        int queriesBefore = azure.queries().size();

        activityLog("Microsoft.Storage/storageAccounts/delete", PROD_LOGS);
        // Resource Graph lags: the first read still shows prodlogs01, so it is kept and read again.
        Awaitility.await().atMost(TIMEOUT).until(() -> targetedQueriesNaming(PROD_LOGS, queriesBefore) >= 1);
        given().get("/api/resources" + PROD_LOGS).then().statusCode(200);
        azure.withoutResource(PROD_LOGS);

        Awaitility.await()
                .atMost(TIMEOUT)
                .until(() -> given().get("/api/resources" + PROD_LOGS).statusCode() == 404);
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            Awaitility.await().atMost(TIMEOUT).until(() -> eventsSince(kafka, before), events -> events.stream()
                    .anyMatch(event -> event.data() instanceof ResourceDeleted deleted
                            && deleted.resourceId().equals(PROD_LOGS)));
        }
    }

    @Test
    void aDeleteResourceGraphKeepsContradictingIsReadAFewTimesThenTheResourceIsKept() {
        int queriesBefore = azure.queries().size();

        activityLog("Microsoft.AzureStackHCI/clusters/delete", HCI_CLUSTER_01);

        Awaitility.await().atMost(TIMEOUT).until(() -> targetedQueriesNaming(HCI_CLUSTER_01, queriesBefore) == 3);
        AzureSyncTest.awaitIdle();
        assertEquals(3, targetedQueriesNaming(HCI_CLUSTER_01, queriesBefore), "refresh-checks: 3 reads, no more");
        given().get("/api/resources" + HCI_CLUSTER_01).then().statusCode(200);
    }

    @Test
    void aDataCollectionRuleAssociatedWithOnpremSql01EndsUpOnTheMachine() {
        int queriesBefore = azure.queries().size();
        String association =
                ONPREM_SQL_01 + "/providers/Microsoft.Insights/dataCollectionRuleAssociations/security-events";

        activityLog("Microsoft.Insights/dataCollectionRuleAssociations/write", association);
        // Resource Graph lags: the association shows up only after the first read.
        Awaitility.await().atMost(TIMEOUT).until(() -> targetedQueriesNaming(ONPREM_SQL_01, queriesBefore) >= 1);
        azure.associations(AzureSamples.dcrAssociation(ONPREM_SQL_01, "security-events", SECURITY_EVENTS));

        awaitState(ONPREM_SQL_01, "state.details.dataCollectionRuleIds", List.of(SECURITY_EVENTS));
    }

    @Test
    void aSubscriptionTheIdentityMayNotReadDoesNotHoldUpTheOthers() {
        ObjectNode deallocated = ProdEstate.prodWeb01();
        ((ObjectNode) deallocated.at("/properties/extended/instanceView/powerState"))
                .put("code", "PowerState/deallocated");
        azure.replace(deallocated);

        activityLog("Microsoft.Compute/virtualMachines/write", DEV_WEB_01);
        activityLog("Microsoft.Compute/virtualMachines/write", PROD_WEB_01);

        awaitState(PROD_WEB_01, "state.details.powerState", "PowerState/deallocated");
        given().get("/api/resources" + DEV_WEB_01).then().statusCode(404);
    }

    @Test
    void anOnDemandRefreshOfAPolicyAssignmentReadsTheSubscriptionsSettingsAgain() {
        given().get("/api/resources/subscriptions/" + PROD_SUBSCRIPTION)
                .then()
                .body("state.details.mcsbAssigned", equalTo(true));
        azure.withoutResource(MCSB_ASSIGNMENT);
        azure.workspaceSettings(
                PROD_SUBSCRIPTION,
                AzureSamples.JSON.createObjectNode().set("value", AzureSamples.JSON.createArrayNode()));

        given().queryParam("resourceId", MCSB_ASSIGNMENT)
                .post("/api/sync")
                .then()
                .statusCode(202)
                .body("resourceId", equalTo(MCSB_ASSIGNMENT))
                .body("refreshes", equalTo("/subscriptions/" + PROD_SUBSCRIPTION));

        awaitState("/subscriptions/" + PROD_SUBSCRIPTION, "state.details.mcsbAssigned", false);
        given().get("/api/resources/subscriptions/" + PROD_SUBSCRIPTION)
                .then()
                .body("state.details.workspace.workspaceId", nullValue())
                .body("state.details.workspace.defaultWorkspace", equalTo(true))
                .body("state.details.workspace.sentinel", equalTo(false))
                .body("state.details.defenderPlans.find { it.name == 'VirtualMachines' }.subPlan", equalTo("P2"));
    }

    @Test
    void anOnDemandRefreshOfAResourceAzureNoLongerHasForgetsIt() {
        azure.withoutResource(PROD_LOGS);

        given().queryParam("resourceId", PROD_LOGS)
                .post("/api/sync")
                .then()
                .statusCode(202)
                .body("refreshes", equalTo(PROD_LOGS));

        Awaitility.await()
                .atMost(TIMEOUT)
                .until(() -> given().get("/api/resources" + PROD_LOGS).statusCode() == 404);
    }

    @Test
    void anOnDemandRefreshOfSomethingThatIsNoArmIdIsABadRequest() {
        given().queryParam("resourceId", "prod-web-01")
                .post("/api/sync")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Not a resource inventory reads"));
    }

    private void activityLog(String operation, String resourceId) {
        records.activityLog(
                "insights-activity-logs",
                """
                {"records": [{"time": "%s", "resourceId": "%s", "operationName": "%s", "resultType": "Success",
                  "category": "Administrative"}]}"""
                        .formatted(Instant.now(), resourceId, operation));
    }

    private long targetedQueriesNaming(String resourceId, int from) {
        List<String> queries = azure.queries();
        return queries.subList(from, queries.size()).stream()
                .filter(query -> query.startsWith("resources") && query.contains("| where target in ("))
                .filter(query -> query.contains("'" + resourceId.toLowerCase(Locale.ROOT) + "'"))
                .count();
    }

    private static void awaitState(String resourceId, String path, Object expected) {
        Awaitility.await()
                .atMost(TIMEOUT)
                .until(() -> expected.equals(given().get("/api/resources" + resourceId)
                        .then()
                        .extract()
                        .path(path)));
    }

    private static Map<String, Object> lastSeen(String... resourceIds) {
        return List.of(resourceIds).stream()
                .collect(Collectors.toMap(Function.identity(), id -> given().get("/api/resources" + id)
                        .then()
                        .extract()
                        .path("lastSeen")));
    }

    /** The resource events of the estate's resources created after {@code since}. */
    private static List<CloudEvent<CoverwatchEvent>> eventsSince(KafkaProbe kafka, Instant since) {
        CloudEventDeserializer deserializer = new CloudEventDeserializer();
        return kafka.readAll(Topics.RESOURCES).stream()
                .filter(record ->
                        record.value() != null && record.key().startsWith("/subscriptions/" + PROD_SUBSCRIPTION))
                .map(record -> deserializer.deserialize(Topics.RESOURCES, record.headers(), record.value()))
                .filter(event -> event.time().isAfter(since))
                .toList();
    }
}
