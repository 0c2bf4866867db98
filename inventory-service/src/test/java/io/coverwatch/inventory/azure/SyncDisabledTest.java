package io.coverwatch.inventory.azure;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** With Azure off (the default), nothing is read from Azure and asking for a sync says why. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class SyncDisabledTest {

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-operator", Roles.READER, Roles.OPERATOR, Roles.INGEST);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void aSyncWhileAzureIsDisabledIsAConflictProblem() {
        given().post("/api/sync")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("title", equalTo("Azure sync is disabled"));
        given().get("/api/sync")
                .then()
                .statusCode(200)
                .body("enabled", equalTo(false))
                .body("running", equalTo(false));
    }
}
