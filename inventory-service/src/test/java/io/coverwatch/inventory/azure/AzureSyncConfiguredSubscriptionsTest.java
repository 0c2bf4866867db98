package io.coverwatch.inventory.azure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only the configured subscriptions are read; a configured one the identity cannot see is reported. */
@QuarkusTest
@TestProfile(AzureSyncConfiguredSubscriptionsTest.TwoSubscriptions.class)
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(FakeAzureTestResource.class)
class AzureSyncConfiguredSubscriptionsTest {

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static final String PROD_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
    private static final String DEV_SUBSCRIPTION = "22222222-2222-2222-2222-222222222222";
    private static final String UNKNOWN_SUBSCRIPTION = "33333333-3333-3333-3333-333333333333";

    public static class TwoSubscriptions implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("coverwatch.inventory.azure.subscriptions", PROD_SUBSCRIPTION + "," + UNKNOWN_SUBSCRIPTION);
        }
    }

    @Test
    void aConfiguredSubscriptionTheIdentityCannotSeeIsReportedAndAnUnlistedOneIsNotRead() {
        FakeAzure azure = FakeAzureTestResource.fake();
        azure.reset();
        azure.subscription(PROD_SUBSCRIPTION, "prod-subscription", "prod");
        azure.subscription(DEV_SUBSCRIPTION, "dev-subscription", "dev");
        ObjectNode storage = AzureSamples.JSON.createObjectNode();
        storage.put("type", "microsoft.storage/storageaccounts");
        storage.putNull("properties");
        azure.resources(AzureSamples.row(
                storage,
                "/subscriptions/" + DEV_SUBSCRIPTION
                        + "/resourceGroups/dev-rg/providers/Microsoft.Storage/storageAccounts/devlogs01"));

        given().post("/api/sync").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            var status = given().get("/api/sync").then().extract().jsonPath();
            return !status.getBoolean("running") && status.getString("lastFinished") != null;
        });

        given().get("/api/sync")
                .then()
                .body("subscriptions", hasSize(2))
                .body("subscriptions.find { it.subscriptionId == '" + PROD_SUBSCRIPTION + "' }.status", equalTo("ok"))
                .body(
                        "subscriptions.find { it.subscriptionId == '" + UNKNOWN_SUBSCRIPTION + "' }.status",
                        equalTo("not-visible"))
                .body(
                        "subscriptions.find { it.subscriptionId == '" + UNKNOWN_SUBSCRIPTION + "' }.lastError",
                        containsString("Missing permissions"));
        assertTrue(
                azure.seen().stream().filter(request -> request.body() != null).allMatch(request -> request.body()
                        .path("subscriptions")
                        .toString()
                        .equals("[\"" + PROD_SUBSCRIPTION + "\"]")),
                "Resource Graph is asked about the configured, visible subscription only");
    }
}
