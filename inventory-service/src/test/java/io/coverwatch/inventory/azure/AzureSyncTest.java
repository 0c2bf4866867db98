package io.coverwatch.inventory.azure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
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

    private static final String PROD_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
    private static final String DEV_SUBSCRIPTION = "22222222-2222-2222-2222-222222222222";
    private static final String SAMPLE_PROD_SUBSCRIPTION = "20ff7fc3-e762-44dd-bd96-b71116dcdc23";
    private static final String SAMPLE_DEV_SUBSCRIPTION = "d34fd44c-ebfa-4a9c-bceb-9eeafe72ac15";

    private static final String PROD_RG = "/subscriptions/" + PROD_SUBSCRIPTION + "/resourceGroups/prod-rg/providers/";
    private static final String PROD_WEB_01 = PROD_RG + "Microsoft.Compute/virtualMachines/prod-web-01";
    private static final String ONPREM_SQL_01 = PROD_RG + "Microsoft.HybridCompute/machines/onprem-sql-01";
    private static final String HCI_CLUSTER_01 = PROD_RG + "Microsoft.AzureStackHCI/clusters/hci-cluster-01";
    private static final String PROD_LOGS = PROD_RG + "Microsoft.Storage/storageAccounts/prodlogs01";
    private static final String DEV_WEB_01 = "/subscriptions/" + DEV_SUBSCRIPTION
            + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-web-01";

    private final FakeAzure azure = FakeAzureTestResource.fake();

    @BeforeEach
    void estate() {
        awaitIdle();
        azure.reset();
        azure.subscription(PROD_SUBSCRIPTION, "prod-subscription", "prod");
        azure.subscription(DEV_SUBSCRIPTION, "dev-subscription", "dev");

        // Defender plans and auto-provisioning: the official list examples, moved into our subscriptions.
        for (JsonNode pricing : AzureSamples.body("security/pricings_list.json").path("value")) {
            String id = pricing.path("id")
                    .asText()
                    .replace(SAMPLE_PROD_SUBSCRIPTION, PROD_SUBSCRIPTION)
                    .replace(SAMPLE_DEV_SUBSCRIPTION, DEV_SUBSCRIPTION);
            azure.security(AzureSamples.row((ObjectNode) pricing, id));
        }
        for (JsonNode setting :
                AzureSamples.body("security/autoprovisioningsettings_list.json").path("value")) {
            azure.security(AzureSamples.row(
                    (ObjectNode) setting,
                    setting.path("id").asText().replace(SAMPLE_PROD_SUBSCRIPTION, PROD_SUBSCRIPTION)));
        }

        // prod-web-01: the Compute GET example with the instance view Resource Graph adds, AMA healthy, MDE failed.
        ObjectNode vm = AzureSamples.row(AzureSamples.body("compute/virtualmachines_get.json"), PROD_WEB_01);
        ((ObjectNode) vm.path("properties"))
                .putObject("extended")
                .set(
                        "instanceView",
                        AzureSamples.extendedInstanceView(
                                AzureSamples.body("compute/virtualmachines_get_instanceview.json")));
        vm.putObject("tags").put("env", "prod");
        azure.resources(
                vm,
                AzureSamples.vmExtension(
                        PROD_WEB_01,
                        "AzureMonitorWindowsAgent",
                        "Microsoft.Azure.Monitor",
                        "AzureMonitorWindowsAgent",
                        "Succeeded",
                        "Plugin enabled"),
                AzureSamples.vmExtension(
                        PROD_WEB_01,
                        "MDE.Windows",
                        "Microsoft.Azure.AzureDefenderForServers",
                        "MDE.Windows",
                        "Failed",
                        "Enable failed: the onboarding endpoint cannot be reached"));

        // onprem-sql-01: the HybridCompute example, connected, on the Azure Local instance hci-cluster-01.
        ObjectNode machine = AzureSamples.row(AzureSamples.body("hybridcompute/machines_get.json"), ONPREM_SQL_01);
        ((ObjectNode) machine.path("properties"))
                .put("status", "Connected")
                .put("lastStatusChange", "2026-11-23T06:00:00Z")
                .put("osType", "windows")
                .put("osName", "Windows Server 2022 Datacenter")
                .put("agentVersion", "1.45.02690.1742")
                .put("parentClusterResourceId", HCI_CLUSTER_01);
        azure.resources(machine);
        for (JsonNode extension :
                AzureSamples.body("hybridcompute/machineextensions_list.json").path("value")) {
            String name = extension.path("name").asText();
            azure.resources(AzureSamples.row((ObjectNode) extension, ONPREM_SQL_01 + "/extensions/" + name));
        }
        azure.resources(AzureSamples.row(AzureSamples.body("azurestackhci/clusters_get.json"), HCI_CLUSTER_01));

        ObjectNode storage = AzureSamples.JSON.createObjectNode();
        storage.put("type", "microsoft.storage/storageaccounts");
        storage.put("location", "westeurope");
        storage.putNull("properties");
        azure.resources(AzureSamples.row(storage, PROD_LOGS));

        ObjectNode devVm = AzureSamples.row(AzureSamples.body("compute/virtualmachines_get.json"), DEV_WEB_01);
        azure.resources(devVm);
        azure.forbid(DEV_SUBSCRIPTION);
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
                .body("state.details.autoProvisioning", equalTo(List.of(Map.of("name", "default", "on", true))));

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
                        equalTo("Enable failed: the onboarding endpoint cannot be reached"));

        given().get("/api/resources" + ONPREM_SQL_01)
                .then()
                .statusCode(200)
                .body("state.type", equalTo("Microsoft.HybridCompute/machines"))
                .body("state.azureLocalInstanceId", equalTo(HCI_CLUSTER_01))
                .body("state.details.kind", equalTo("arcMachine"))
                .body("state.details.status", equalTo("Connected"))
                .body("state.details.cloudProvider", equalTo("N/A"))
                .body("state.details.agentVersion", equalTo("1.45.02690.1742"))
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
                5,
                status.getInt("subscriptions.find { it.subscriptionId == '" + PROD_SUBSCRIPTION + "' }.resourcesSeen"),
                "the subscription, prod-web-01, onprem-sql-01, hci-cluster-01, prodlogs01 and nothing else: 5");
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

    private static void syncAndWait() {
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

    private static void awaitIdle() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() ->
                        !given().get("/api/sync").then().extract().jsonPath().getBoolean("running"));
    }
}
