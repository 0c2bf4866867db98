package io.coverwatch.evaluation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.localinfra.TokenClaims;
import io.coverwatch.security.Roles;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service takes only tokens that its issuer signed, for its audience, and that have not expired; anything else is
 * a 401, whatever roles the token claims. The same validation runs against Microsoft Entra ID in production.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class TokenValidationTest {

    LocalTokenIssuer issuer;

    @Test
    void aReaderTokenFromTheIssuerIsAccepted() {
        given().auth()
                .oauth2(issuer.token("soc-analyst", "SOC analyst", List.of(Roles.READER)))
                .get("/api/findings")
                .then()
                .statusCode(200);
    }

    @Test
    void aTokenNamingAnotherIssuerIsRefusedEvenWithTheRightKey() {
        refused(issuer.sign(readerClaims().withIssuer("https://login.microsoftonline.com/another-tenant/v2.0")));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        try (LocalTokenIssuer stranger = LocalTokenIssuer.start(0)) {
            refused(stranger.token("soc-analyst", "SOC analyst", List.of(Roles.READER)));
        }
    }

    @Test
    void aTokenForAnotherApiIsRefused() {
        refused(issuer.sign(readerClaims().withAudience("api://another-app-of-the-tenant")));
    }

    @Test
    void anExpiredTokenIsRefused() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
        refused(issuer.sign(readerClaims().valid(twoHoursAgo, twoHoursAgo.plus(Duration.ofHours(1)))));
    }

    @Test
    void aTokenWhoseClaimsWereChangedAfterSigningIsRefused() {
        String reader = issuer.token("soc-analyst", "SOC analyst", List.of(Roles.READER));
        String admin = issuer.token("soc-analyst", "SOC analyst", List.of(Roles.READER, Roles.ADMIN));
        String[] signed = reader.split("\\.");
        String[] wanted = admin.split("\\.");
        refused(signed[0] + "." + wanted[1] + "." + signed[2]);
    }

    @Test
    void aTokenThatIsNotAJwtIsRefused() {
        refused("not-a-token");
    }

    private TokenClaims readerClaims() {
        return issuer.claims("soc-analyst", "SOC analyst", List.of(Roles.READER));
    }

    private static void refused(String token) {
        given().auth()
                .oauth2(token)
                .get("/api/findings")
                .then()
                .statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }
}
