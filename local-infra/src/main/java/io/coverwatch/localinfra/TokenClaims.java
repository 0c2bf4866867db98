package io.coverwatch.localinfra;

import java.time.Instant;
import java.util.List;

/**
 * What a token of the {@link LocalTokenIssuer} says, in the claims Microsoft Entra ID puts in an access token for an
 * API: {@code iss}, {@code aud} (the API's client ID, as in v2.0 tokens), {@code sub}, {@code name} and the app roles
 * in {@code roles}. Tests change one claim at a time to check that a service refuses the token.
 */
public record TokenClaims(
        String issuer,
        String audience,
        String subject,
        String name,
        List<String> roles,
        Instant issuedAt,
        Instant expiresAt) {

    public TokenClaims {
        roles = List.copyOf(roles);
    }

    public TokenClaims withIssuer(String otherIssuer) {
        return new TokenClaims(otherIssuer, audience, subject, name, roles, issuedAt, expiresAt);
    }

    public TokenClaims withAudience(String otherAudience) {
        return new TokenClaims(issuer, otherAudience, subject, name, roles, issuedAt, expiresAt);
    }

    public TokenClaims valid(Instant from, Instant until) {
        return new TokenClaims(issuer, audience, subject, name, roles, from, until);
    }
}
