package io.coverwatch.inventory.azure;

import static io.coverwatch.inventory.azure.ProdEstate.DEV_SUBSCRIPTION;
import static io.coverwatch.inventory.azure.ProdEstate.DEV_WEB_01;
import static io.coverwatch.inventory.azure.ProdEstate.HCI_CLUSTER_01;
import static io.coverwatch.inventory.azure.ProdEstate.ONPREM_SQL_01;
import static io.coverwatch.inventory.azure.ProdEstate.PROD_LOGS;
import static io.coverwatch.inventory.azure.ProdEstate.PROD_SUBSCRIPTION;
import static io.coverwatch.inventory.azure.ProdEstate.PROD_WEB_01;
import static io.coverwatch.inventory.azure.ProdEstate.SECURITY_EVENTS;
import static io.coverwatch.inventory.azure.ProdEstate.SOC_WORKSPACE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real Azure SDK clients (Resource Manager and Resource Graph on the Vert.x HTTP client, bearer token, retry
 * policy) against a local HTTPS fake serving the official REST examples as Resource Graph rows.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(FakeAzureTestResource.class)
class AzureSyncTest {

    LocalTokenIssuer issuer;

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private final FakeAzure azure = FakeAzureTestResource.fake();

    @BeforeEach
    void estate() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
        awaitIdle();
        azure.reset();
        ProdEstate.serve(azure);
    }

    @Test
    void aFullSyncReadsSubscriptionsPlansMachinesAndExtensionsThroughResourceGraph() {
        syncAndWait();

        given().get("/api/resources/subscriptions/" + PROD_SUBSCRIPTION)
                .then()
                .statusCode(200)
                .body("origin", equalTo("azure-rm"))
                .body("state.name", equalTo("prod-subscription"))
                .body("state.details.kind", equalTo("subscription"))
                .body("state.details.production", equalTo(true))
                .body(
                        "state.details.defenderPlans.find { it.name == 'VirtualMachines' }.pricingTier",
                        equalTo("Standard"))
                .body("state.details.defenderPlans.find { it.name == 'VirtualMachines' }.subPlan", equalTo("P2"))
                .body(
                        "state.details.defenderPlans.find { it.name == 'VirtualMachines' }.extensions",
                        equalTo(List.of("AgentlessVmScanning")))
                .body("state.details.defenderPlans.find { it.name == 'AppServices' }.pricingTier", equalTo("Free"))
                .body("state.details.autoProvisioning", equalTo(List.of(Map.of("name", "default", "on", true))))
                .body("state.details.mcsbAssigned", equalTo(true))
                .body("state.details.workspace.workspaceId", equalTo(SOC_WORKSPACE))
                .body("state.details.workspace.defaultWorkspace", equalTo(false))
                .body("state.details.workspace.sentinel", equalTo(true));

        given().get("/api/resources" + PROD_WEB_01)
                .then()
                .statusCode(200)
                .body("state.type", equalTo("Microsoft.Compute/virtualMachines"))
                .body("state.tags.env", equalTo("prod"))
                .body("state.details.kind", equalTo("virtualMachine"))
                .body("state.details.osType", equalTo("Windows"))
                .body("state.details.powerState", equalTo("PowerState/running"))
                .body("state.details.os.name", equalTo("Windows Server 2016 Datacenter"))
                .body("state.details.os.imageSku", equalTo("2016-Datacenter"))
                .body("state.details.extensions.type", hasItems("AzureMonitorWindowsAgent", "MDE.Windows"))
                .body("state.details.extensions.find { it.type == 'MDE.Windows' }.provisioningState", equalTo("Failed"))
                .body(
                        "state.details.extensions.find { it.type == 'MDE.Windows' }.statusMessage",
                        equalTo("Enable failed: the onboarding endpoint cannot be reached"))
                .body("state.details.dataCollectionRuleIds", equalTo(List.of(SECURITY_EVENTS)));

        given().get("/api/resources" + SECURITY_EVENTS)
                .then()
                .statusCode(200)
                .body("state.type", equalTo("Microsoft.Insights/dataCollectionRules"))
                .body("state.details.kind", equalTo("dataCollectionRule"))
                .body("state.details.securityEventLevel", equalTo("Common"))
                .body("state.details.workspaceId", containsString("/workspaces/centralTeamWorkspace"));

        given().get("/api/resources" + ONPREM_SQL_01)
                .then()
                .statusCode(200)
                .body("state.type", equalTo("Microsoft.HybridCompute/machines"))
                .body("state.azureLocalInstanceId", equalTo(HCI_CLUSTER_01))
                .body("state.details.kind", equalTo("arcMachine"))
                .body("state.details.status", equalTo("Connected"))
                .body("state.details.cloudProvider", equalTo("N/A"))
                .body("state.details.agentVersion", equalTo("1.45.02690.1742"))
                .body("state.details.dataCollectionRuleIds", equalTo(List.of()))
                .body(
                        "state.details.extensions.name",
                        equalTo(List.of("CustomScriptExtension", "winosupdateextension")));

        given().get("/api/resources" + HCI_CLUSTER_01)
                .then()
                .statusCode(200)
                .body("state.details.kind", equalTo("azureLocalInstance"))
                .body("state.details.status", equalTo("ConnectedRecently"))
                .body("state.details.version", equalTo("10.0.17777"));

        given().get("/api/resources" + PROD_LOGS).then().statusCode(200).body("state.details.kind", equalTo("generic"));

        // Extensions are folded into their machines, not kept as resources of their own; paging reached every row.
        given().get("/api/resources" + PROD_WEB_01 + "/extensions/MDE.Windows")
                .then()
                .statusCode(404);
        assertTrue(
                azure.seen().stream()
                        .anyMatch(request -> request.body() != null
                                && request.body().path("options").hasNonNull("$skipToken")),
                "the resources query was read page by page");
    }

    @Test
    void aSubscriptionTheIdentityMayNotReadIsReportedAsMissingPermissionsAndTheOthersGoOn() {
        syncAndWait();

        JsonPath status =
                given().get("/api/sync").then().statusCode(200).extract().jsonPath();
        assertEquals(true, status.getBoolean("enabled"));
        assertEquals(
                "ok",
                status.getString("subscriptions.find { it.subscriptionId == '" + PROD_SUBSCRIPTION + "' }.status"));
        assertEquals(
                6,
                status.getInt("subscriptions.find { it.subscriptionId == '" + PROD_SUBSCRIPTION + "' }.resourcesSeen"),
                "the subscription, prod-web-01, onprem-sql-01, hci-cluster-01, prodlogs01, security-events: 6");
        given().get("/api/sync")
                .then()
                .body(
                        "subscriptions.find { it.subscriptionId == '" + DEV_SUBSCRIPTION + "' }.status",
                        equalTo("missing-permissions"))
                .body(
                        "subscriptions.find { it.subscriptionId == '" + DEV_SUBSCRIPTION + "' }.displayName",
                        equalTo("dev-subscription"))
                .body(
                        "subscriptions.find { it.subscriptionId == '" + DEV_SUBSCRIPTION + "' }.lastError",
                        containsString("AuthorizationFailed"))
                .body(
                        "subscriptions.find { it.subscriptionId == '" + DEV_SUBSCRIPTION + "' }.lastSuccess",
                        nullValue());

        given().get("/api/resources" + DEV_WEB_01).then().statusCode(404);
        given().get("/api/resources" + PROD_WEB_01).then().statusCode(200);
    }

    @Test
    void aResourceGoneFromAzureIsForgottenByTheNextFullSync() {
        syncAndWait();
        given().get("/api/resources" + PROD_LOGS).then().statusCode(200);

        azure.withoutResource(PROD_LOGS);
        syncAndWait();

        given().get("/api/resources" + PROD_LOGS).then().statusCode(404);
        given().get("/api/resources" + PROD_WEB_01).then().statusCode(200);
    }

    @Test
    void aThrottledQueryIsRetriedAfterRetryAfter() {
        azure.throttleNextQuery(2);

        syncAndWait();

        List<FakeAzure.Seen> queries = azure.seen().stream()
                .filter(request -> request.path().endsWith("/resources"))
                .toList();
        assertEquals(429, queries.get(0).status());
        Duration waited = Duration.between(queries.get(0).at(), queries.get(1).at());
        assertTrue(waited.compareTo(Duration.ofMillis(1900)) >= 0, "waited " + waited + " after Retry-After: 2");
        given().get("/api/sync")
                .then()
                .body("subscriptions.find { it.subscriptionId == '" + PROD_SUBSCRIPTION + "' }.status", equalTo("ok"));
    }

    static void syncAndWait() {
        Instant before = Instant.now();
        given().post("/api/sync").then().statusCode(202).body("enabled", equalTo(true));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath status = given().get("/api/sync").then().extract().jsonPath();
            String finished = status.getString("lastFinished");
            return !status.getBoolean("running")
                    && finished != null
                    && Instant.parse(finished).isAfter(before);
        });
        given().get("/api/sync").then().body("lastError", nullValue());
    }

    /** Until no full sync runs and no targeted refresh waits. */
    static void awaitIdle() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath status = given().get("/api/sync").then().extract().jsonPath();
            return !status.getBoolean("running") && status.getInt("refreshesWaiting") == 0;
        });
    }
}
