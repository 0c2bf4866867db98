package io.coverwatch.evaluation.rest;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore.AgentRow;
import io.coverwatch.evaluation.rules.AgentActivity;
import io.coverwatch.evaluation.rules.Elapsed;
import io.coverwatch.evaluation.rules.agent.AgentHealth;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The agents table, like the seed's: Computer, Agent, Country, Last heartbeat (as an age), and the agent's state. */
@Path("/api/agents")
@Tag(name = "Agents", description = "The monitoring agents of each machine, from their heartbeats.")
public class AgentsResource {

    /** A subscription ID: Azure's are GUIDs. */
    static final String SUBSCRIPTION_ID = "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}";

    /**
     * One machine's row.
     *
     * @param agent            which agents report: {@code AMA}, {@code MMA} (legacy), or both
     * @param lastHeartbeat    the newest heartbeat of any agent
     * @param lastHeartbeatAgo the same as an age, for example {@code 4 hours ago}
     * @param status           the agents' state as the machine's last evaluation found it, the one its findings were
     *                         settled on; null while inventory has not reported the machine
     */
    @Schema(description = "One machine's agents, as a row of the agents table.")
    public record Agent(
            @Schema(description = "The machine's ARM ID, lower-cased.") String resourceId,
            @Schema(description = "The computer name its heartbeats give.") String computer,
            @Schema(description = "Which agents report: AMA, MMA (the legacy agent), or both.") String agent,
            @Schema(description = "The country its heartbeats come from.") String country,
            @Schema(description = "The newest heartbeat of any of its agents.") Instant lastHeartbeat,
            @Schema(description = "The same as an age, for example 4 hours ago.") String lastHeartbeatAgo,
            @Schema(
                            description = "The state of its agents as its last evaluation found it (the state its"
                                    + " findings were settled on); null while inventory has not reported the machine.")
                    AgentHealth status) {}

    private final AgentHeartbeatStore heartbeats;
    private final Clock clock;

    AgentsResource(AgentHeartbeatStore heartbeats, Clock clock) {
        this.heartbeats = heartbeats;
        this.clock = clock;
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "List agents",
            description = "Every machine that sent a heartbeat, one page at a time, longest silent first: computer,"
                    + " agent, country, last heartbeat as an age, and the agents' state; all machines, or those of one"
                    + " subscription, in one state, or both. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of machines; an empty list past the last page.")
    @APIResponse(
            responseCode = "400",
            description = "page or size out of bounds, subscription not a GUID, or state not one of the states.")
    public List<Agent> list(
            @Parameter(description = "Only this machine (its ARM ID, any case).") @QueryParam("resourceId")
                    String resourceId,
            @Parameter(description = "Only this subscription's machines (its ID, a GUID, any case).")
                    @QueryParam("subscription")
                    @Pattern(regexp = SUBSCRIPTION_ID, message = "must be a subscription ID (a GUID)")
                    String subscriptionId,
            @Parameter(description = "Only machines in this state, for example AMA_DOWN (silent) or POWERED_OFF.")
                    @QueryParam("state")
                    AgentHealth state,
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Machines per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        Instant now = clock.instant();
        String key = resourceId == null ? null : AzureResource.normalizeId(resourceId);
        String subscription = subscriptionId == null ? null : subscriptionId.toLowerCase(Locale.ROOT);
        return heartbeats.page(key, subscription, state, page, size).stream()
                .map(row -> agent(row, now))
                .toList();
    }

    private Agent agent(AgentRow row, Instant now) {
        AgentActivity activity = row.activity();
        List<String> agents = new ArrayList<>();
        if (activity.lastAzureMonitorAgent() != null) {
            agents.add("AMA");
        }
        if (activity.lastLegacyAgent() != null) {
            agents.add("MMA");
        }
        Instant last = Stream.of(activity.lastAzureMonitorAgent(), activity.lastLegacyAgent())
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElseThrow();
        return new Agent(
                row.resourceId(),
                row.computer(),
                String.join(", ", agents),
                activity.country(),
                last,
                Elapsed.describe(Duration.between(last, now)) + " ago",
                row.health());
    }
}
