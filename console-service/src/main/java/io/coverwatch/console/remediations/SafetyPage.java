package io.coverwatch.console.remediations;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.apis.CoverwatchApi;
import io.coverwatch.console.apis.CoverwatchApis;
import io.coverwatch.console.session.ErrorPages;
import io.coverwatch.console.session.FormToken;
import io.coverwatch.console.session.SignedIn;
import io.coverwatch.console.session.SignedIn.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * remediation-service's safety switches: dry-run, the kill switch, and closing a circuit breaker. Everyone signed in
 * sees where they stand; only an Admin is offered the forms, and those are relayed as the person, so
 * remediation-service's own 403 still guards a forged POST. The console asks for a reason the API leaves optional:
 * a switch flipped on a SOC screen should say why in its trail.
 */
@Path("/remediations/safety")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class SafetyPage {

    /** The switches named in the console's paths, as remediation-service names them. */
    private static final Set<String> SWITCHES = Set.of("dry-run", "kill-switch");

    /** At most what remediation-service keeps of a reason. */
    static final int MAX_REASON = 2000;

    /** The safety controls as remediation-service's {@code GET /api/safety} gives them. */
    public record Safety(
            boolean killSwitch,
            boolean dryRun,
            String changedBy,
            Instant changedAt,
            String reason,
            String optOutTag,
            int blastRadiusCap,
            String blastRadiusWindow,
            int rateLimit,
            String rateWindow,
            int breakerThreshold,
            int maxReinstallAttempts) {}

    /**
     * @param safety   the controls; null while remediation-service does not answer
     * @param problems which service did not answer, for the page to say so
     */
    public record SafetyView(Safety safety, List<String> problems) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance safety(Viewer viewer, SafetyView view);
    }

    private final CoverwatchApis apis;
    private final SignedIn signedIn;
    private final FormToken formToken;

    SafetyPage(CoverwatchApis apis, SignedIn signedIn, FormToken formToken) {
        this.apis = apis;
        this.signedIn = signedIn;
        this.formToken = formToken;
    }

    @GET
    public String safety() {
        Answer<Safety> answer = apis.get(
                        signedIn.accessToken(),
                        CoverwatchApi.REMEDIATION,
                        "/api/safety",
                        new TypeReference<Safety>() {})
                .join();
        return Templates.safety(
                        signedIn.viewer(),
                        new SafetyView(
                                answer.found().orElse(null),
                                answer.problem().map(problem -> "Safety controls: " + problem).stream()
                                        .toList()))
                .render();
    }

    /** Turns dry-run or the kill switch on or off: {@code PUT /api/safety/{switch}} with {@code {on, reason}}. */
    @POST
    @Path("/{switch}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response flip(
            @PathParam("switch") String name,
            @FormParam("on") @DefaultValue("") String on,
            @FormParam("reason") @DefaultValue("") String reason,
            @FormParam(FormToken.FIELD) String token) {
        if (!SWITCHES.contains(name)) {
            return ErrorPages.notFound(signedIn.viewer(), "safety switch " + name);
        }
        if (!formToken.matches(token)) {
            return ErrorPages.staleForm(signedIn.viewer());
        }
        if (!on.equals("true") && !on.equals("false")) {
            return ErrorPages.badForm(signedIn.viewer(), "on must be true or false");
        }
        Response unreasoned = checkReason(reason);
        if (unreasoned != null) {
            return unreasoned;
        }
        return relayed(apis.put(
                signedIn.accessToken(),
                CoverwatchApi.REMEDIATION,
                "/api/safety/" + name,
                Map.of("on", Boolean.parseBoolean(on), "reason", reason.strip())));
    }

    /**
     * Closes the breaker of one action in one subscription; remediation-service checks both. It asks no reason: the
     * API keeps none for a reset (its audit names who and when), and a field the console would drop is not asked for.
     */
    @POST
    @Path("/breakers/reset")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resetBreaker(
            @FormParam("subscriptionId") @DefaultValue("") String subscriptionId,
            @FormParam("action") @DefaultValue("") String action,
            @FormParam(FormToken.FIELD) String token) {
        if (!formToken.matches(token)) {
            return ErrorPages.staleForm(signedIn.viewer());
        }
        if (subscriptionId.isBlank() || action.isBlank()) {
            return ErrorPages.badForm(signedIn.viewer(), "subscriptionId and action are required");
        }
        return relayed(apis.post(
                signedIn.accessToken(),
                CoverwatchApi.REMEDIATION,
                "/api/safety/breakers/reset",
                Map.of("subscriptionId", subscriptionId.strip(), "action", action.strip())));
    }

    private Response checkReason(String reason) {
        if (reason.isBlank()) {
            return ErrorPages.badForm(signedIn.viewer(), "reason is required: say why, it is kept with the switch");
        }
        if (reason.strip().length() > MAX_REASON) {
            return ErrorPages.badForm(signedIn.viewer(), "reason must be at most " + MAX_REASON + " characters");
        }
        return null;
    }

    private Response relayed(Answer<JsonNode> answer) {
        // Reloading the page it goes to shows the switches, it does not flip them again.
        return ErrorPages.orSeeOther(
                signedIn.viewer(), answer, "the safety controls", URI.create("/remediations/safety"));
    }
}
