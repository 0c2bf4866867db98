package io.coverwatch.remediation.execution;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * remediation-service's own bearer token for inventory-service, from the OIDC client (client credentials: in
 * production an Entra ID app registration granted {@code Coverwatch.Operator}; locally the local issuer). The token is
 * kept until it expires and never logged.
 */
final class ServiceSignIn {

    /** The demo estate could not be signed in to: trying again may work (the issuer was down, say). */
    static final class SignInFailed extends Exception {
        SignInFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final OidcClient client;
    private final AtomicReference<Tokens> current = new AtomicReference<>();

    ServiceSignIn(OidcClient client) {
        this.client = client;
    }

    /** {@code Bearer <access token>}, a fresh one when the last has expired. */
    String authorization() throws SignInFailed {
        Tokens tokens = current.get();
        if (tokens == null || tokens.isAccessTokenExpired()) {
            try {
                tokens = client.getTokens().await().atMost(WAIT);
            } catch (RuntimeException e) {
                throw new SignInFailed("remediation-service could not get its own token: " + e.getMessage(), e);
            }
            current.set(tokens);
        }
        return "Bearer " + tokens.getAccessToken();
    }
}
