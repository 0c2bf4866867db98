package io.coverwatch.console.resources;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coverwatch.console.ConsoleConfig;
import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.apis.ArmPath;
import io.coverwatch.console.apis.CoverwatchApi;
import io.coverwatch.console.apis.CoverwatchApis;
import io.coverwatch.console.apis.QueryString;
import io.coverwatch.console.findings.Diagnosis;
import io.coverwatch.console.findings.FindingsPage;
import io.coverwatch.console.session.ErrorPages;
import io.coverwatch.console.session.SignedIn;
import io.coverwatch.console.session.SignedIn.Viewer;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Inventory searched by name, ARM ID or tag, and one resource by its ARM ID ({@code /resources/subscriptions/…}, a
 * link that can be pasted anywhere): its troubleshooting walk and its findings from evaluation-service, its name from
 * inventory-service.
 */
@Path("/resources")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ResourcePage {

    static final int PAGE_SIZE = 50;

    /** What inventory says of the resource. */
    public record Resource(
            String id, String type, String name, String subscriptionId, String origin, Instant lastSeen) {}

    /** The search as the form sends it back; empty is no filter. */
    public record Search(String q, String type, String tag) {

        String query() {
            return QueryString.of("q", q, "type", type, "tag", tag);
        }
    }

    public record SearchResults(
            Search search, List<Resource> resources, int page, boolean more, String query, List<String> problems) {

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }
    }

    public record ResourceView(
            String resourceId, Resource resource, String portalUrl, Diagnosis diagnosis, List<String> problems) {

        public String name() {
            return resource != null ? resource.name() : ArmPath.name(resourceId);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance resource(Viewer viewer, ResourceView view);

        static native TemplateInstance resources(Viewer viewer, SearchResults results);
    }

    private final CoverwatchApis apis;
    private final SignedIn signedIn;
    private final ConsoleConfig config;

    ResourcePage(CoverwatchApis apis, SignedIn signedIn, ConsoleConfig config) {
        this.apis = apis;
        this.signedIn = signedIn;
        this.config = config;
    }

    /** Inventory's resources by name or ARM ID ({@code q}, any case), ARM type and tag ({@code key=value} or a key). */
    @GET
    public String search(
            @QueryParam("q") @DefaultValue("") String q,
            @QueryParam("type") @DefaultValue("") String type,
            @QueryParam("tag") @DefaultValue("") String tag,
            @QueryParam("page") @DefaultValue("0") int page) {
        Search search = new Search(q, type, tag);
        int shown = Math.max(0, page);
        Answer<List<Resource>> answer = apis.get(
                        signedIn.accessToken(),
                        CoverwatchApi.INVENTORY,
                        "/api/resources?page=" + shown + "&size=" + PAGE_SIZE + search.query(),
                        new TypeReference<List<Resource>>() {})
                .join();
        List<Resource> resources = answer.found().orElse(List.of());
        return Templates.resources(
                        signedIn.viewer(),
                        new SearchResults(
                                search,
                                resources,
                                shown,
                                resources.size() == PAGE_SIZE,
                                search.query(),
                                answer.problem().map(problem -> "Inventory: " + problem).stream()
                                        .toList()))
                .render();
    }

    @GET
    @Path("/{resourceId: subscriptions/.+}")
    public Response resource(@PathParam("resourceId") String resourcePath) {
        String resourceId = "/" + resourcePath;
        String token = signedIn.accessToken();
        CompletableFuture<Answer<Resource>> inventory = apis.get(
                token, CoverwatchApi.INVENTORY, "/api/resources" + ArmPath.of(resourceId), new TypeReference<>() {});
        Answer<Diagnosis> diagnosis = apis.get(
                        token,
                        CoverwatchApi.EVALUATION,
                        "/api/resources" + ArmPath.of(resourceId) + "/diagnosis",
                        new TypeReference<Diagnosis>() {})
                .join();
        if (diagnosis.missing() && inventory.join().missing()) {
            return ErrorPages.notFound(signedIn.viewer(), "resource " + resourceId);
        }
        List<String> problems = new ArrayList<>();
        if (!diagnosis.missing()) {
            diagnosis.problem().ifPresent(problem -> problems.add("Diagnosis and findings: " + problem));
        }
        if (!inventory.join().missing()) {
            inventory.join().problem().ifPresent(problem -> problems.add("Inventory: " + problem));
        }
        return Response.ok(Templates.resource(
                                signedIn.viewer(),
                                new ResourceView(
                                        resourceId,
                                        inventory.join().found().orElse(null),
                                        FindingsPage.portalUrl(config, resourceId),
                                        diagnosis.found().orElse(null),
                                        problems))
                        .render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }
}
