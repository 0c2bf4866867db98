package io.coverwatch.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.security.Principal;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller of the current request, for the audit fields of what it changes. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /**
     * The caller's subject and name. The principal's name is the token's {@code sub}
     * ({@code quarkus.oidc.token.principal-claim}); every endpoint that changes something needs a role, so there is
     * always a caller.
     */
    public Actor actor() {
        if (identity.isAnonymous()) {
            throw new IllegalStateException("A change without a signed-in caller: the endpoint is missing its role");
        }
        Principal principal = identity.getPrincipal();
        String name = principal instanceof JsonWebToken token ? token.getClaim("name") : null;
        return new Actor(principal.getName(), name);
    }
}
