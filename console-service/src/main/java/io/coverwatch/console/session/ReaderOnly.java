package io.coverwatch.console.session;

import io.coverwatch.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.security.Principal;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every page needs {@code Coverwatch.Reader}: the APIs refuse every read without it, so a person signed in without it
 * gets one clear 403 page instead of a page full of refusals.
 */
@ApplicationScoped
public class ReaderOnly {

    private final SecurityIdentity identity;

    ReaderOnly(SecurityIdentity identity) {
        this.identity = identity;
    }

    @ServerRequestFilter
    public Optional<Response> requireReader() {
        if (identity.isAnonymous() || identity.hasRole(Roles.READER)) {
            return Optional.empty();
        }
        Principal principal = identity.getPrincipal();
        return Optional.of(ErrorPages.forbidden(principal == null ? "you" : principal.getName()));
    }
}
