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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The approval queue and each remediation with its audit trail. Approving and rejecting are form POSTs (with the
 * CSRF token) that the console relays as the person: remediation-service decides, and its refusal (403 for a
 * person without {@code Coverwatch.Approver}, or who requested it) is what the page shows.
 */
@Path("/remediations")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class RemediationsPage {

    static final int PAGE_SIZE = 50;

    /** A remediation as remediation-service's API gives it: what it would send, and where it stands. */
    public record Remediation(
            String remediationId,
            String findingId,
            String ruleId,
            String action,
            String resourceId,
            String subscriptionId,
            String status,
            String planKind,
            String reason,
            boolean dryRun,
            String request,
            List<String> steps,
            String requestedBy,
            String approvedBy,
            Instant createdAt,
            Instant updatedAt,
            String result) {}

    public record Queue(List<Remediation> items, long total) {}

    public record TrailEntry(
            long seq,
            Instant at,
            String actor,
            String actorName,
            String entry,
            String statusBefore,
            String statusAfter,
            String reason) {}

    public record WithTrail(Remediation remediation, List<TrailEntry> trail) {}

    /**
     * @param mayDecide the person is an Approver and did not request it (four eyes): the buttons are offered
     */
    public record RemediationView(Remediation remediation, List<TrailEntry> trail, boolean mayDecide) {

        public boolean awaitsApproval() {
            return "AWAITING_APPROVAL".equals(remediation.status());
        }
    }

    public record QueueView(String status, Queue queue, List<String> problems) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance remediations(Viewer viewer, QueueView view);

        static native TemplateInstance remediation(Viewer viewer, RemediationView view);
    }

    private final CoverwatchApis apis;
    private final SignedIn signedIn;
    private final FormToken formToken;

    RemediationsPage(CoverwatchApis apis, SignedIn signedIn, FormToken formToken) {
        this.apis = apis;
        this.signedIn = signedIn;
        this.formToken = formToken;
    }

    /** The approval queue by default; {@code ?status=} shows the history of any other state. */
    @GET
    public String queue(@QueryParam("status") @DefaultValue("AWAITING_APPROVAL") String status) {
        Answer<Queue> answer = apis.get(
                        signedIn.accessToken(),
                        CoverwatchApi.REMEDIATION,
                        "/api/remediations?size=" + PAGE_SIZE
                                + (status.isBlank()
                                        ? ""
                                        : "&status=" + URLEncoder.encode(status, StandardCharsets.UTF_8)),
                        new TypeReference<Queue>() {})
                .join();
        return Templates.remediations(
                        signedIn.viewer(),
                        new QueueView(
                                status,
                                answer.found().orElse(new Queue(List.of(), 0)),
                                answer.problem().map(problem -> "Remediations: " + problem).stream()
                                        .toList()))
                .render();
    }

    @GET
    @Path("/{remediationId}")
    public Response remediation(@PathParam("remediationId") String remediationId) {
        Answer<WithTrail> answer = apis.get(
                        signedIn.accessToken(),
                        CoverwatchApi.REMEDIATION,
                        "/api/remediations/" + URLEncoder.encode(remediationId, StandardCharsets.UTF_8),
                        new TypeReference<WithTrail>() {})
                .join();
        if (answer.found().isEmpty()) {
            return ErrorPages.of(signedIn.viewer(), answer, "remediation " + remediationId);
        }
        WithTrail found = answer.found().get();
        boolean mayDecide = signedIn.approver()
                && !signedIn.subject().equals(found.remediation().requestedBy());
        return Response.ok(Templates.remediation(
                                signedIn.viewer(), new RemediationView(found.remediation(), found.trail(), mayDecide))
                        .render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    @POST
    @Path("/{remediationId}/approve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response approve(
            @PathParam("remediationId") String remediationId,
            @FormParam("comment") @DefaultValue("") String comment,
            @FormParam(FormToken.FIELD) String token) {
        return decide(remediationId, "approve", comment, token);
    }

    @POST
    @Path("/{remediationId}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response reject(
            @PathParam("remediationId") String remediationId,
            @FormParam("comment") @DefaultValue("") String comment,
            @FormParam(FormToken.FIELD) String token) {
        return decide(remediationId, "reject", comment, token);
    }

    private Response decide(String remediationId, String verdict, String comment, String token) {
        if (!formToken.matches(token)) {
            return ErrorPages.staleForm(signedIn.viewer());
        }
        String id = URLEncoder.encode(remediationId, StandardCharsets.UTF_8);
        Answer<JsonNode> answer = apis.post(
                signedIn.accessToken(),
                CoverwatchApi.REMEDIATION,
                "/api/remediations/" + id + "/" + verdict,
                Map.of("comment", comment));
        // Reloading the page it goes to shows the remediation, it does not decide again.
        return ErrorPages.orSeeOther(
                signedIn.viewer(), answer, "remediation " + remediationId, URI.create("/remediations/" + id));
    }
}
