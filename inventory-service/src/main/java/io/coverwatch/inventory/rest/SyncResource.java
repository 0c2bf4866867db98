package io.coverwatch.inventory.rest;

import io.coverwatch.inventory.azure.AzureRefresh;
import io.coverwatch.inventory.azure.AzureSync;
import io.coverwatch.inventory.azure.SubscriptionSyncStatus;
import io.coverwatch.inventory.azure.SyncStatusStore;
import io.coverwatch.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Azure Resource Manager sync: start a full sync or a targeted refresh of one resource, and see how the last full sync
 * went per subscription.
 */
@Path("/api/sync")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Azure sync", description = "Read the estate from Azure Resource Manager, and see how the last sync went.")
public class SyncResource {

    private final AzureSync sync;
    private final AzureRefresh refresh;
    private final SyncStatusStore statusStore;

    SyncResource(AzureSync sync, AzureRefresh refresh, SyncStatusStore statusStore) {
        this.sync = sync;
        this.refresh = refresh;
        this.statusStore = statusStore;
    }

    /**
     * A targeted refresh under way.
     *
     * @param resourceId the ID asked for
     * @param refreshes what is read again: the resource itself, the machine of an extension or association, or the
     *     subscription of a Defender setting or policy assignment
     */
    @Schema(description = "A targeted refresh under way.")
    public record RefreshView(
            @Schema(description = "The ARM ID asked for.") String resourceId,
            @Schema(
                            description = "What is read again: the resource itself, the machine of an extension or"
                                    + " association, or the subscription of a Defender setting or policy assignment.")
                    String refreshes) {}

    /**
     * The sync as a whole, and each subscription's last success and last error.
     *
     * @param refreshesWaiting resources waiting for a targeted refresh, or being read by one
     */
    @Schema(description = "The Azure sync as a whole, and how its last run went per subscription.")
    public record SyncView(
            @Schema(description = "Whether the sync is on (coverwatch.inventory.azure.enabled).") boolean enabled,
            @Schema(description = "Whether a full sync runs now.") boolean running,
            @Schema(description = "Resources waiting for a targeted refresh, or being read by one.")
                    int refreshesWaiting,
            @Schema(description = "When the last full sync started; null before the first.") Instant lastStarted,
            @Schema(description = "When the last full sync finished; null before the first.") Instant lastFinished,
            @Schema(description = "Why the last full sync failed as a whole; null when it did not.") String lastError,
            @Schema(description = "Each subscription the sync has tried.") List<SubscriptionView> subscriptions) {}

    /**
     * @param status {@code ok} (the last attempt succeeded), {@code missing-permissions}, {@code not-visible} or
     *     {@code failed}
     */
    @Schema(description = "How the sync last went for one subscription.")
    public record SubscriptionView(
            @Schema(description = "The subscription's ID.") String subscriptionId,
            @Schema(description = "The subscription's name in Azure.") String displayName,
            @Schema(description = "ok (the last attempt succeeded), missing-permissions, not-visible or failed.")
                    String status,
            @Schema(description = "When the sync last tried it.") Instant lastAttempt,
            @Schema(description = "When the sync last succeeded for it.") Instant lastSuccess,
            @Schema(description = "When it last failed.") Instant lastErrorAt,
            @Schema(description = "Why it last failed, with Azure's answer where there was one.") String lastError,
            @Schema(description = "How many resources its last successful read saw.") Integer resourcesSeen) {}

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "Show the Azure sync's state",
            description = "Whether the sync is on and running, the refreshes waiting, and per subscription its last"
                    + " success and last error. Needs"
                    + " Coverwatch.Reader.")
    public SyncView status() {
        AzureSync.RunState state = sync.state();
        return new SyncView(
                state.enabled(),
                state.running(),
                refresh.waiting(),
                state.lastStarted(),
                state.lastFinished(),
                state.lastError(),
                statusStore.all().stream().map(SyncResource::view).toList());
    }

    /**
     * Starts a full sync (202); one already running is not started twice. With {@code resourceId}, reads only that
     * resource again (202), after the same short wait that coalesces Activity Log changes; a resource Azure no longer
     * has is forgotten.
     */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Operation(
            summary = "Start a sync, or refresh one resource",
            description = "Without resourceId, starts a full sync (one"
                    + " already running is not started twice) and answers with the sync's state. With resourceId,"
                    + " reads only that resource again after the same short wait that coalesces Activity Log changes;"
                    + " a resource Azure no longer has is forgotten. Needs Coverwatch.Operator.")
    @APIResponse(
            responseCode = "202",
            description = "Started: the sync's state (SyncView), or for a refresh what is read again (RefreshView).",
            content = @Content(schema = @Schema(oneOf = {SyncView.class, RefreshView.class})))
    @APIResponse(
            responseCode = "400",
            description = "resourceId is not an ARM ID in a subscription inventory reads, or passes 1,024 characters.")
    @APIResponse(responseCode = "409", description = "The Azure sync is off (coverwatch.inventory.azure.enabled).")
    public Response start(
            @Parameter(description = "An ARM ID (/subscriptions/...) to read again alone; omit for a full sync.")
                    @QueryParam("resourceId")
                    String resourceId) {
        if (!sync.enabled()) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.CONFLICT)
                    .withTitle("Azure sync is disabled")
                    .withDetail("Set coverwatch.inventory.azure.enabled=true to read the estate from Azure.")
                    .build();
        }
        if (resourceId == null) {
            sync.trigger();
            return Response.accepted(status()).build();
        }
        if (!refresh.refreshes(resourceId)) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Not a resource inventory reads")
                    .withDetail("resourceId must be an ARM ID (/subscriptions/...) in a subscription inventory reads: '"
                            + resourceId + "'")
                    .build();
        }
        return Response.accepted(new RefreshView(
                        resourceId, refresh.requested(resourceId).id()))
                .build();
    }

    private static SubscriptionView view(SubscriptionSyncStatus row) {
        return new SubscriptionView(
                row.subscriptionId,
                row.displayName,
                row.lastErrorKind == null ? "ok" : row.lastErrorKind,
                row.lastAttempt,
                row.lastSuccess,
                row.lastErrorAt,
                row.lastError,
                row.resourcesSeen);
    }
}
