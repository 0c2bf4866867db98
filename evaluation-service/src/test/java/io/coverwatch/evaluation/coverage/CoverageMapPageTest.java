package io.coverwatch.evaluation.coverage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.resource.ResourceStates.Sighting;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's coverage map, a page at a time, from the service's own state: every ARM type of a kind in one cell,
 * each cell under its column, the estate's totals on every page.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class CoverageMapPageTest {

    private static final String SUBSCRIPTION_ID = "3c3c3c3c-0000-4000-8000-000000000001";

    LocalTokenIssuer issuer;

    @Inject
    ResourceStates states;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-analyst", Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void aSubscriptionsRowHasEachKindUnderItsColumn() {
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew()
                .run(() -> states.put(List.of(
                        new Sighting(
                                new AzureResource(
                                        AzureResource.subscriptionResourceId(SUBSCRIPTION_ID),
                                        AzureResource.SUBSCRIPTION_TYPE,
                                        "map-subscription",
                                        SUBSCRIPTION_ID,
                                        null,
                                        null,
                                        Map.of(),
                                        new SubscriptionDetails("map-subscription", List.of(), false)),
                                now,
                                now),
                        new Sighting(resource("Microsoft.KeyVault/vaults", "map-vault"), now, now),
                        new Sighting(resource("Microsoft.Network/networkInterfaces", "map-nic"), now, now),
                        new Sighting(resource("Microsoft.Network/publicIPAddresses", "map-ip"), now, now))));

        JsonPath map = given().get("/api/coverage/map?size=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        List<String> kinds = map.getList("kinds");
        Map<String, Object> row = map.getMap("rows.find { it.subscriptionId == '" + SUBSCRIPTION_ID + "' }");
        assertNotNull(row, map.prettify());
        assertEquals("map-subscription", row.get("name"));
        assertEquals(3, row.get("resources"));
        List<?> cells = (List<?>) row.get("cells");
        assertEquals(kinds.size(), cells.size(), "a cell per column");
        Map<?, ?> vaults = (Map<?, ?>) cells.get(kinds.indexOf("KEY_VAULT"));
        assertEquals("NOT_COVERED", vaults.get("state"), "the plan is not on");
        assertEquals(1, vaults.get("resources"));
        Map<?, ?> other = (Map<?, ?>) cells.get(kinds.indexOf("OTHER"));
        assertEquals("BLIND_SPOT", other.get("state"));
        assertEquals(2, other.get("resources"), "the NIC and the public IP, two ARM types of one kind");
        assertEquals(true, map.getList("blindSpots").contains("OTHER"));
        assertEquals(map.getInt("subscriptions"), map.getList("rows").size(), "every subscription on one page");
    }

    @Test
    void aPageOutOfBoundsIsABadRequestNamingTheLimit() {
        given().get("/api/coverage/map?size=501")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("size"))
                .body(containsString("500"));
        given().get("/api/coverage/map?page=-1")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("page"));
    }

    private static AzureResource resource(String type, String name) {
        return new AzureResource(
                "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/map-rg/providers/" + type + "/" + name,
                type,
                name,
                SUBSCRIPTION_ID,
                "map-rg",
                "uksouth",
                Map.of(),
                new GenericDetails());
    }
}
