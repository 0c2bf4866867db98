package io.coverwatch.console.session;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Where the issuer sends the browser back after sign-out ({@code /sign-out} ends the session). */
@Path("/signed-out")
@PermitAll
public class SignedOutPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signedOut();
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String signedOut() {
        return Templates.signedOut().render();
    }
}
