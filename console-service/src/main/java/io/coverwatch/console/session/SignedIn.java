package io.coverwatch.console.session;

import io.coverwatch.security.Roles;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The person this request is for: their name for the page's header, their roles for what the page offers, and their
 * own access token, which every API call carries.
 */
@RequestScoped
public class SignedIn {

    private final SecurityIdentity identity;
    private final AccessTokenCredential accessToken;
    private final FormToken formToken;

    @Inject
    @IdToken
    JsonWebToken idToken;

    SignedIn(SecurityIdentity identity, AccessTokenCredential accessToken, FormToken formToken) {
        this.identity = identity;
        this.accessToken = accessToken;
        this.formToken = formToken;
    }

    public String accessToken() {
        return accessToken.getToken();
    }

    /** The subject, as the services record it in audit trails. */
    public String subject() {
        return identity.getPrincipal().getName();
    }

    /** The display name where the token has one. */
    public String name() {
        String name = idToken.getClaim("name");
        return name == null || name.isBlank() ? subject() : name;
    }

    public boolean reader() {
        return identity.hasRole(Roles.READER);
    }

    public boolean operator() {
        return identity.hasRole(Roles.OPERATOR);
    }

    public boolean approver() {
        return identity.hasRole(Roles.APPROVER);
    }

    public boolean admin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** What every page's header shows of the person. */
    public Viewer viewer() {
        return new Viewer(
                name(), String.join(", ", identity.getRoles()), operator(), approver(), admin(), formToken.value());
    }

    /**
     * @param roles     the app roles, for the header
     * @param operator  offered what an Operator may do: silences, exemptions, re-drives, the test alert
     * @param admin     offered the safety switches: dry-run, the kill switch, closing a breaker
     * @param formToken the CSRF token every form that changes something carries
     */
    public record Viewer(
            String name, String roles, boolean operator, boolean approver, boolean admin, String formToken) {}
}
