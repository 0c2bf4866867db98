package io.coverwatch.console.agents;

import com.fasterxml.jackson.core.type.TypeReference;
import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.apis.CoverwatchApi;
import io.coverwatch.console.apis.CoverwatchApis;
import io.coverwatch.console.session.SignedIn;
import io.coverwatch.console.session.SignedIn.Viewer;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The agents table, the seed's own: Computer, Agent, Country, Last heartbeat as an age, and the agent's state, the
 * longest silent first (the API's order). Paged by the API, so it reads one page at a million machines.
 */
@Path("/agents")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AgentsPage {

    static final int PAGE_SIZE = 50;

    /** One row as evaluation-service's {@code /api/agents} gives it. */
    public record Agent(
            String resourceId,
            String computer,
            String agent,
            String country,
            Instant lastHeartbeat,
            String lastHeartbeatAgo,
            String status) {

        /** The state in the seed's words. */
        public String state() {
            if (status == null) {
                return "not reported by inventory";
            }
            return switch (status) {
                case "HEALTHY" -> "healthy";
                case "AMA_DOWN" -> "silent";
                case "AWAITING_FIRST_HEARTBEAT" -> "awaiting its first heartbeat";
                case "NO_AGENT" -> "no agent";
                case "POWERED_OFF" -> "powered off";
                case "DISCONNECTED" -> "Arc disconnected";
                case "LEGACY_AGENT" -> "legacy agent";
                default -> status.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
            };
        }

        public String tone() {
            return "HEALTHY".equals(status) ? "ok" : "bad";
        }
    }

    /**
     * @param machine      the filter: one machine's ARM ID, or empty
     * @param subscription the filter: one subscription's ID, or empty
     * @param filterQuery  the filters as query parameters, for the pager's links to keep them
     */
    public record AgentsTable(
            List<Agent> agents,
            int page,
            boolean more,
            String machine,
            String subscription,
            String filterQuery,
            List<String> problems) {

        public int previous() {
            return page - 1;
        }

        /** The next page's index, which is also this page's number as people count. */
        public int next() {
            return page + 1;
        }

        public boolean filtered() {
            return !machine.isEmpty() || !subscription.isEmpty();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance agents(Viewer viewer, AgentsTable table);
    }

    private final CoverwatchApis apis;
    private final SignedIn signedIn;

    AgentsPage(CoverwatchApis apis, SignedIn signedIn) {
        this.apis = apis;
        this.signedIn = signedIn;
    }

    /**
     * Each filter is a query parameter, so a filtered page is a deep link; evaluation-service filters them (and says
     * 400 for a subscription that is not an ID), the console only passes them on.
     */
    @GET
    public String agents(
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("machine") @DefaultValue("") String machine,
            @QueryParam("subscription") @DefaultValue("") String subscription) {
        int shown = Math.max(0, page);
        String onMachine = machine.strip();
        String inSubscription = subscription.strip();
        String query = "/api/agents?page=" + shown + "&size=" + PAGE_SIZE
                + (onMachine.isEmpty() ? "" : "&resourceId=" + encode(onMachine))
                + (inSubscription.isEmpty() ? "" : "&subscription=" + encode(inSubscription));
        Answer<List<Agent>> answer = apis.get(
                        signedIn.accessToken(), CoverwatchApi.EVALUATION, query, new TypeReference<List<Agent>>() {})
                .join();
        List<Agent> agents = answer.found().orElse(List.of());
        return Templates.agents(
                        signedIn.viewer(),
                        new AgentsTable(
                                agents,
                                shown,
                                agents.size() == PAGE_SIZE,
                                onMachine,
                                inSubscription,
                                (onMachine.isEmpty() ? "" : "&machine=" + encode(onMachine))
                                        + (inSubscription.isEmpty() ? "" : "&subscription=" + encode(inSubscription)),
                                answer.problem().map(problem -> "Agents: " + problem).stream()
                                        .toList()))
                .render();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
