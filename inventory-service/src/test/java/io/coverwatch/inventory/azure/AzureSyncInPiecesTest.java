package io.coverwatch.inventory.azure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full sync reads and records a few subscriptions at a time, so the rows it holds are bounded by
 * {@code subscriptions-per-read}, not by the tenant: read all at once, a tenant of 100,000 resources ran inventory out of
 * its heap before the first was recorded ({@code ./bench/run onboard}). It reads the next few while it records the last,
 * and records a subscription in pieces of a transaction each.
 */
@QuarkusTest
@TestProfile(AzureSyncInPiecesTest.OneSubscriptionAtATime.class)
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(FakeAzureTestResource.class)
class AzureSyncInPiecesTest {

    private static final List<String> SUBSCRIPTIONS =
            List.of("44444444-4444-4444-4444-444444444444", "55555555-5555-5555-5555-555555555555");

    LocalTokenIssuer issuer;

    @Inject
    EntityManager entityManager;

    @Inject
    DataSource dataSource;

    public static class OneSubscriptionAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("coverwatch.inventory.azure.subscriptions-per-read", "1");
        }
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void eachSubscriptionIsReadAndRecordedOnItsOwn() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR);
        FakeAzure azure = FakeAzureTestResource.fake();
        azure.reset();
        for (String subscription : SUBSCRIPTIONS) {
            azure.subscription(subscription, "tenant-" + subscription.charAt(0), "dev");
            azure.resources(storageAccountRow(storageAccount(subscription)));
        }

        given().post("/api/sync").then().statusCode(202);
        awaitSyncFinished();

        for (String subscription : SUBSCRIPTIONS) {
            given().get("/api/resources" + storageAccount(subscription))
                    .then()
                    .statusCode(200)
                    .body("subscriptionId", equalTo(subscription))
                    .body("origin", equalTo("azure-rm"));
        }
        List<String> scopes = azure.seen().stream()
                .filter(request -> request.body() != null && request.body().has("query"))
                .map(request -> request.body().path("subscriptions").toString())
                .distinct()
                .toList();
        assertEquals(
                SUBSCRIPTIONS.stream().map(id -> "[\"" + id + "\"]").toList(),
                scopes,
                "every Resource Graph query names one subscription, the first subscription's before the second's");
    }

    @Test
    void aSubscriptionsSightingsAreRecordedInPiecesOfATransactionEach() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR);
        FakeAzure azure = FakeAzureTestResource.fake();
        azure.reset();
        azure.pageSize(1_000);
        String subscription = "66666666-6666-6666-6666-666666666666";
        azure.subscription(subscription, "tenant-6", "dev");
        int accounts = 1_200;
        for (int i = 0; i < accounts; i++) {
            azure.resources(storageAccountRow(storageAccount(subscription) + "n" + i));
        }

        given().post("/api/sync").then().statusCode(202);
        awaitSyncFinished();

        // Rows written by one transaction carry its ID (xmin): the subscription and its 1,200 accounts, 1,201
        // sightings, are three pieces of at most 500, not 1,201 transactions.
        List<?> written = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("select count(*), count(distinct xmin::text) from resource"
                        + " where lower(subscription_id) = lower(:subscription)")
                .setParameter("subscription", subscription)
                .getResultList());
        Object[] counts = (Object[]) written.get(0);
        assertEquals(accounts + 1L, ((Number) counts[0]).longValue(), "every sighting is stored");
        assertEquals(3L, ((Number) counts[1]).longValue(), "transactions that wrote them");
        assertEquals(
                accounts + 1,
                given().get("/api/sync")
                        .then()
                        .extract()
                        .jsonPath()
                        .getInt("subscriptions.find { it.subscriptionId == '" + subscription + "' }.resourcesSeen"),
                "the sync counts what it recorded");
    }

    @Test
    void theNextSubscriptionIsReadWhileTheLastIsRecorded() throws Exception {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR);
        FakeAzure azure = FakeAzureTestResource.fake();
        azure.reset();
        List<String> subscriptions =
                List.of("77777777-7777-7777-7777-777777777777", "88888888-8888-8888-8888-888888888888");
        for (String subscription : subscriptions) {
            azure.subscription(subscription, "tenant-" + subscription.charAt(0), "dev");
            azure.resources(storageAccountRow(storageAccount(subscription)));
        }
        String second = "[\"" + subscriptions.get(1) + "\"]";

        // The first subscription's storage account is held, as another writer of it would: its recording waits.
        try (Connection holder = dataSource.getConnection();
                PreparedStatement hold = holder.prepareStatement("select pg_advisory_lock(hashtextextended(?, 0))");
                PreparedStatement release =
                        holder.prepareStatement("select pg_advisory_unlock(hashtextextended(?, 0))")) {
            String held = AzureResource.normalizeId(storageAccount(subscriptions.get(0)));
            hold.setString(1, held);
            hold.executeQuery().close();
            try {
                given().post("/api/sync").then().statusCode(202);
                Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertTrue(
                                azure.seen().stream()
                                        .anyMatch(request -> request.body() != null
                                                && request.body().has("query")
                                                && request.body()
                                                        .path("subscriptions")
                                                        .toString()
                                                        .equals(second)),
                                "the second subscription is read while the first waits to be recorded"));
                assertEquals(
                        404,
                        given().get("/api/resources" + storageAccount(subscriptions.get(0)))
                                .statusCode());
            } finally {
                release.setString(1, held);
                release.executeQuery().close();
            }
        }
        awaitSyncFinished();
        for (String subscription : subscriptions) {
            given().get("/api/resources" + storageAccount(subscription)).then().statusCode(200);
        }
    }

    private static void awaitSyncFinished() {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            var status = given().get("/api/sync").then().extract().jsonPath();
            return !status.getBoolean("running") && status.getString("lastFinished") != null;
        });
    }

    /** A storage account's Resource Graph row, with no properties. */
    private static ObjectNode storageAccountRow(String id) {
        ObjectNode storage = AzureSamples.JSON.createObjectNode();
        storage.put("type", "microsoft.storage/storageaccounts");
        storage.putNull("properties");
        return AzureSamples.row(storage, id);
    }

    private static String storageAccount(String subscription) {
        return "/subscriptions/" + subscription + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/logs"
                + subscription.charAt(0);
    }
}
