package io.coverwatch.inventory.resource;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.ContractsJson;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a sighting keeps of its source's own payload, as the Azure source and the API report resources. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ResourceSightingsTest {

    private static final String ID = "/subscriptions/77777777-7777-7777-7777-777777777777/resourceGroups/raw-rg"
            + "/providers/Microsoft.Compute/virtualMachines/raw-01";

    LocalTokenIssuer issuer;

    @Inject
    ResourceInventory inventory;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-reader", Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static AzureResource vm(String environmentTag) {
        return ContractsJson.fromJson(
                """
                {"id": "%s", "type": "Microsoft.Compute/virtualMachines", "name": "raw-01",
                 "subscriptionId": "77777777-7777-7777-7777-777777777777", "resourceGroup": "raw-rg",
                 "tags": {"env": "%s"},
                 "details": {"kind": "virtualMachine", "osType": "Linux", "powerState": "PowerState/running",
                   "extensions": []}}
                """
                        .formatted(ID, environmentTag),
                AzureResource.class);
    }

    private static JsonPath stored() {
        return given().get("/api/resources" + ID)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void anUnchangedSightingKeepsThePayloadUnlessItBringsOneAndAChangeReplacesItEvenWithNone() {
        assertTrue(inventory.record(vm("prod"), "azure-rm", "{\"read\": \"first\"}"));
        JsonPath created = stored();
        assertEquals("first", created.getString("rawPayload.read"));

        assertFalse(inventory.record(vm("prod"), "azure-rm", null));
        JsonPath seenAgain = stored();
        assertEquals("first", seenAgain.getString("rawPayload.read"), "a sighting without a payload keeps the last");
        assertTrue(
                Instant.parse(seenAgain.getString("lastSeen")).isAfter(Instant.parse(created.getString("lastSeen"))));
        assertEquals(created.getString("lastChanged"), seenAgain.getString("lastChanged"));

        assertFalse(inventory.record(vm("prod"), "azure-rm", "{\"read\": \"second\"}"));
        assertEquals("second", stored().getString("rawPayload.read"));

        assertTrue(inventory.record(vm("test"), "api", null));
        given().get("/api/resources" + ID)
                .then()
                .body("origin", equalTo("api"))
                .body("state.tags.env", equalTo("test"))
                .body("rawPayload", nullValue());
    }
}
