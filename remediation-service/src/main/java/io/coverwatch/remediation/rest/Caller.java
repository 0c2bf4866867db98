package io.coverwatch.remediation.rest;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** Who is calling, as the audit trail names them: the authenticated principal. */
final class Caller {

    /** The name recorded when a request carries no identity (authentication is not switched on). */
    static final String ANONYMOUS = "anonymous";

    private Caller() {}

    static String of(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null
                        || principal.getName() == null
                        || principal.getName().isBlank()
                ? ANONYMOUS
                : principal.getName();
    }
}
