package io.coverwatch.console.findings;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.console.ConsoleConfig;
import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.apis.ArmPath;
import io.coverwatch.console.apis.CoverwatchApi;
import io.coverwatch.console.apis.CoverwatchApis;
import io.coverwatch.console.apis.Lifetime;
import io.coverwatch.console.apis.QueryString;
import io.coverwatch.console.session.ErrorPages;
import io.coverwatch.console.session.FormToken;
import io.coverwatch.console.session.SignedIn;
import io.coverwatch.console.session.SignedIn.Viewer;
import io.coverwatch.contracts.Finding;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Findings, filtered as the findings API filters them, and one finding's page with its diagnosis, its fix, and for an
 * Operator the forms to silence its notices or exempt it (evaluation- and notification-service still decide).
 */
@Path("/findings")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FindingsPage {

    static final int PAGE_SIZE = 50;

    /** The filters as the form sends them back; empty is no filter. */
    public record Filters(String status, String severity, String rule, String subscription) {

        String query() {
            return QueryString.of("status", status, "severity", severity, "rule", rule, "subscription", subscription);
        }
    }

    public record FindingsList(
            List<Finding> findings, Filters filters, int page, boolean more, String query, List<String> problems) {

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }
    }

    /** A remediation of the finding as remediation-service's list gives it. */
    public record Remediation(String remediationId, String action, String status, String reason, String requestedBy) {}

    public record Remediations(List<Remediation> items, long total) {}

    /** A scope an exemption from the finding's page can cover, as the form offers it. */
    public record Scope(String label, String armId) {}

    /**
     * @param portalUrl the resource in the Azure portal
     */
    public record FindingView(
            Finding finding,
            String resourceName,
            String portalUrl,
            Diagnosis diagnosis,
            List<Remediation> remediations,
            List<String> problems) {

        /**
         * The silence form's matchers: the finding's rule on its subscription. notification-service labels a notice
         * by rule and subscription, not by resource, so one machine alone is quieted by an exemption instead.
         */
        public String silenceMatchers() {
            return "rule=\"" + finding.ruleId() + "\""
                    + (finding.subscriptionId() == null ? "" : "\nsubscription=\"" + finding.subscriptionId() + "\"");
        }

        /** The resource itself, and its subscription when it is not one. */
        public List<Scope> exemptionScopes() {
            List<Scope> scopes = new ArrayList<>();
            scopes.add(new Scope("this resource", finding.resourceId()));
            String subscription =
                    finding.subscriptionId() == null ? null : "/subscriptions/" + finding.subscriptionId();
            if (subscription != null && !subscription.equalsIgnoreCase(finding.resourceId())) {
                scopes.add(new Scope("its whole subscription", subscription));
            }
            return scopes;
        }

        public List<Lifetime> silenceLifetimes() {
            return Lifetime.SILENCE;
        }

        public List<Lifetime> exemptionLifetimes() {
            return Lifetime.EXEMPTION;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance findings(Viewer viewer, FindingsList list);

        static native TemplateInstance finding(Viewer viewer, FindingView view);
    }

    private final CoverwatchApis apis;
    private final SignedIn signedIn;
    private final ConsoleConfig config;
    private final FormToken formToken;

    FindingsPage(CoverwatchApis apis, SignedIn signedIn, ConsoleConfig config, FormToken formToken) {
        this.apis = apis;
        this.signedIn = signedIn;
        this.config = config;
        this.formToken = formToken;
    }

    @GET
    public String findings(
            @QueryParam("status") @DefaultValue("") String status,
            @QueryParam("severity") @DefaultValue("") String severity,
            @QueryParam("rule") @DefaultValue("") String rule,
            @QueryParam("subscription") @DefaultValue("") String subscription,
            @QueryParam("page") @DefaultValue("0") int page) {
        Filters filters = new Filters(status, severity, rule, subscription);
        int shown = Math.max(0, page);
        Answer<List<Finding>> answer = apis.get(
                        signedIn.accessToken(),
                        CoverwatchApi.EVALUATION,
                        "/api/findings?page=" + shown + "&size=" + PAGE_SIZE + filters.query(),
                        new TypeReference<List<Finding>>() {})
                .join();
        List<Finding> findings = answer.found().orElse(List.of());
        return Templates.findings(
                        signedIn.viewer(),
                        new FindingsList(
                                findings,
                                filters,
                                shown,
                                findings.size() == PAGE_SIZE,
                                filters.query(),
                                answer.problem().map(problem -> "Findings: " + problem).stream()
                                        .toList()))
                .render();
    }

    @GET
    @Path("/{findingId}")
    public Response finding(@PathParam("findingId") String findingId) {
        String token = signedIn.accessToken();
        String id = encode(findingId);
        CompletableFuture<Answer<Remediations>> remediations = apis.get(
                token,
                CoverwatchApi.REMEDIATION,
                "/api/remediations?finding=" + id + "&size=20",
                new TypeReference<Remediations>() {});
        Answer<Finding> answer = apis.get(
                        token, CoverwatchApi.EVALUATION, "/api/findings/" + id, new TypeReference<Finding>() {})
                .join();
        if (answer.found().isEmpty()) {
            return ErrorPages.of(signedIn.viewer(), answer, "finding " + findingId);
        }
        Finding finding = answer.found().get();
        Answer<Diagnosis> diagnosis = apis.get(
                        token,
                        CoverwatchApi.EVALUATION,
                        "/api/resources" + ArmPath.of(finding.resourceId()) + "/diagnosis",
                        new TypeReference<Diagnosis>() {})
                .join();
        List<String> problems = new ArrayList<>();
        if (!diagnosis.missing()) {
            diagnosis.problem().ifPresent(problem -> problems.add("Diagnosis: " + problem));
        }
        remediations.join().problem().ifPresent(problem -> problems.add("Remediations: " + problem));
        return Response.ok(Templates.finding(
                                signedIn.viewer(),
                                new FindingView(
                                        finding,
                                        ArmPath.name(finding.resourceId()),
                                        portalUrl(config, finding.resourceId()),
                                        diagnosis.found().orElse(null),
                                        remediations
                                                .join()
                                                .found()
                                                .map(Remediations::items)
                                                .orElse(List.of()),
                                        problems))
                        .render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    /**
     * An exemption from the finding's page: evaluation-service exempts the scope from the rule until the expiry and
     * evaluates its findings again, so the finding the person comes back to shows as excluded with the reason.
     */
    @POST
    @Path("/{findingId}/exemption")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response exempt(
            @PathParam("findingId") String findingId,
            @FormParam("scope") @DefaultValue("") String scope,
            @FormParam("rule") @DefaultValue("") String rule,
            @FormParam("reason") @DefaultValue("") String reason,
            @FormParam("length") @DefaultValue("") String length,
            @FormParam(FormToken.FIELD) String token) {
        if (!formToken.matches(token)) {
            return ErrorPages.staleForm(signedIn.viewer());
        }
        Optional<Lifetime> lasts = Lifetime.of(length, Lifetime.EXEMPTION);
        if (lasts.isEmpty()) {
            return ErrorPages.badForm(
                    signedIn.viewer(), "length must be one of " + Lifetime.listed(Lifetime.EXEMPTION));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("scope", scope);
        request.put("ruleId", rule);
        request.put("reason", reason);
        request.put("expiry", lasts.get().endingFrom(Instant.now()).toString());
        Answer<JsonNode> answer =
                apis.post(signedIn.accessToken(), CoverwatchApi.EVALUATION, "/api/exemptions", request);
        return ErrorPages.orSeeOther(
                signedIn.viewer(), answer, "exemption", URI.create("/findings/" + encode(findingId)));
    }

    /** The resource's blade in the Azure portal, which opens from its ARM ID. */
    public static String portalUrl(ConsoleConfig config, String resourceId) {
        return config.azurePortal().toString().replaceAll("/$", "") + "/#@/resource" + resourceId;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
