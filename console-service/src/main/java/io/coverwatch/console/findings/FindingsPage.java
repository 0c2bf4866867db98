package io.coverwatch.console.findings;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coverwatch.console.ConsoleConfig;
import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.apis.ArmPath;
import io.coverwatch.console.apis.CoverwatchApi;
import io.coverwatch.console.apis.CoverwatchApis;
import io.coverwatch.console.session.ErrorPages;
import io.coverwatch.console.session.SignedIn;
import io.coverwatch.console.session.SignedIn.Viewer;
import io.coverwatch.contracts.Finding;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Findings, filtered as the findings API filters them, and one finding's page with its diagnosis and its fix. */
@Path("/findings")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class FindingsPage {

    static final int PAGE_SIZE = 50;

    /** The filters as the form sends them back; empty is no filter. */
    public record Filters(String status, String severity, String rule, String subscription) {

        String query() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("status", status);
            parameters.put("severity", severity);
            parameters.put("rule", rule);
            parameters.put("subscription", subscription);
            StringBuilder query = new StringBuilder();
            parameters.forEach((name, value) -> {
                if (!value.isBlank()) {
                    query.append('&').append(name).append('=').append(encode(value.strip()));
                }
            });
            return query.toString();
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

    /**
     * @param portalUrl the resource in the Azure portal
     */
    public record FindingView(
            Finding finding,
            String resourceName,
            String portalUrl,
            Diagnosis diagnosis,
            List<Remediation> remediations,
            List<String> problems) {}

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance findings(Viewer viewer, FindingsList list);

        static native TemplateInstance finding(Viewer viewer, FindingView view);
    }

    private final CoverwatchApis apis;
    private final SignedIn signedIn;
    private final ConsoleConfig config;

    FindingsPage(CoverwatchApis apis, SignedIn signedIn, ConsoleConfig config) {
        this.apis = apis;
        this.signedIn = signedIn;
        this.config = config;
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

    /** The resource's blade in the Azure portal, which opens from its ARM ID. */
    public static String portalUrl(ConsoleConfig config, String resourceId) {
        return config.azurePortal().toString().replaceAll("/$", "") + "/#@/resource" + resourceId;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
