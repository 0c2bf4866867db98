package io.coverwatch.security.testing;

import io.coverwatch.localinfra.LocalTokenIssuer;
import io.restassured.RestAssured;
import java.util.List;

/**
 * Makes rest-assured send a real bearer token from the local issuer with every request, so wiring tests go through the
 * same token validation as production. Call {@link #out()} after each test.
 */
public final class SignedIn {

    private SignedIn() {}

    /** Every request carries a token for this subject (also its display name) with these roles. */
    public static void as(LocalTokenIssuer issuer, String subject, String... roles) {
        RestAssured.authentication = RestAssured.oauth2(issuer.token(subject, subject, List.of(roles)));
    }

    public static void out() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
    }
}
