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
import java.util.Locale;

/**
 * The agents table, the seed's own: Computer, Agent, Country, Last heartbeat as an age, and the agent's state, the
 * longest silent first (the API's order). Paged by the API, so it reads one page at a million machines.
 */
@Path("/agents")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class AgentsPage {

    static final int PAGE_SIZE = 50;

    /** A state evaluation-service reports ({@code AMA_DOWN}), and the seed's word for it ({@code silent}). */
    public record State(String name, String label) {}

    /** Every state, in the order the filter offers them: the ones a SOC acts on first. */
    static final List<State> STATES = List.of(
            new State("AMA_DOWN", "silent"),
            new State("NO_AGENT", "no agent"),
            new State("LEGACY_AGENT", "legacy agent"),
            new State("DISCONNECTED", "Arc disconnected"),
            new State("POWERED_OFF", "powered off"),
            new State("AWAITING_FIRST_HEARTBEAT", "awaiting its first heartbeat"),
            new State("HEALTHY", "healthy"));

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
            return STATES.stream()
                    .filter(state -> state.name().equals(status))
                    .map(State::label)
                    .findFirst()
                    .orElse(status.toLowerCase(Locale.ROOT).replace('_', ' '));
        }

        public String tone() {
            return "HEALTHY".equals(status) ? "ok" : "bad";
        }
    }

    /**
     * @param machine      the filter: one machine's ARM ID, or empty
     * @param subscription the filter: one subscription's ID, or empty
     * @param state        the filter: one state's name, or empty
     * @param filterQuery  the filters as query parameters, for the pager's links to keep them
     */
    public record AgentsTable(
            List<Agent> agents,
            int page,
            boolean more,
            String machine,
            String subscription,
            String state,
            String filterQuery,
            List<String> problems) {

        public List<State> states() {
            return STATES;
        }

        public int previous() {
            return page - 1;
        }

        /** The next page's index, which is also this page's number as people count. */
        public int next() {
            return page + 1;
        }

        public boolean filtered() {
            return !machine.isEmpty() || !subscription.isEmpty() || !state.isEmpty();
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
     * 400 for a subscription that is not an ID or a state it does not know), the console only passes them on.
     */
    @GET
    public String agents(
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("machine") @DefaultValue("") String machine,
            @QueryParam("subscription") @DefaultValue("") String subscription,
            @QueryParam("state") @DefaultValue("") String state) {
        int shown = Math.max(0, page);
        String onMachine = machine.strip();
        String inSubscription = subscription.strip();
        String inState = state.strip();
        String query = "/api/agents?page=" + shown + "&size=" + PAGE_SIZE
                + (onMachine.isEmpty() ? "" : "&resourceId=" + encode(onMachine))
                + (inSubscription.isEmpty() ? "" : "&subscription=" + encode(inSubscription))
                + (inState.isEmpty() ? "" : "&state=" + encode(inState));
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
                                inState,
                                (onMachine.isEmpty() ? "" : "&machine=" + encode(onMachine))
                                        + (inSubscription.isEmpty() ? "" : "&subscription=" + encode(inSubscription))
                                        + (inState.isEmpty() ? "" : "&state=" + encode(inState)),
                                answer.problem().map(problem -> "Agents: " + problem).stream()
                                        .toList()))
                .render();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
