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

/**
 * Azure Resource Manager sync: start a full sync or a targeted refresh of one resource, and see how the last full sync
 * went per subscription.
 */
@Path("/api/sync")
@Produces(MediaType.APPLICATION_JSON)
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
    public record RefreshView(String resourceId, String refreshes) {}

    /**
     * The sync as a whole, and each subscription's last success and last error.
     *
     * @param refreshesWaiting resources waiting for a targeted refresh, or being read by one
     */
    public record SyncView(
            boolean enabled,
            boolean running,
            int refreshesWaiting,
            Instant lastStarted,
            Instant lastFinished,
            String lastError,
            List<SubscriptionView> subscriptions) {}

    /**
     * @param status {@code ok} (the last attempt succeeded), {@code missing-permissions}, {@code not-visible} or
     *     {@code failed}
     */
    public record SubscriptionView(
            String subscriptionId,
            String displayName,
            String status,
            Instant lastAttempt,
            Instant lastSuccess,
            Instant lastErrorAt,
            String lastError,
            Integer resourcesSeen) {}

    @RolesAllowed(Roles.READER)
    @GET
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
    public Response start(@QueryParam("resourceId") String resourceId) {
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
