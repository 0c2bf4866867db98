package io.coverwatch.inventory.rest;

import io.coverwatch.inventory.azure.AzureSync;
import io.coverwatch.inventory.azure.SubscriptionSyncStatus;
import io.coverwatch.inventory.azure.SyncStatusStore;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;

/** Azure Resource Manager sync: start a full sync, and see how the last one went per subscription. */
@Path("/api/sync")
@Produces(MediaType.APPLICATION_JSON)
public class SyncResource {

    private final AzureSync sync;
    private final SyncStatusStore statusStore;

    SyncResource(AzureSync sync, SyncStatusStore statusStore) {
        this.sync = sync;
        this.statusStore = statusStore;
    }

    /** The sync as a whole, and each subscription's last success and last error. */
    public record SyncView(
            boolean enabled,
            boolean running,
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

    @GET
    public SyncView status() {
        AzureSync.RunState state = sync.state();
        return new SyncView(
                state.enabled(),
                state.running(),
                state.lastStarted(),
                state.lastFinished(),
                state.lastError(),
                statusStore.all().stream().map(SyncResource::view).toList());
    }

    /** Starts a full sync (202); one already running is not started twice. */
    @POST
    public Response start() {
        if (!sync.enabled()) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.CONFLICT)
                    .withTitle("Azure sync is disabled")
                    .withDetail("Set coverwatch.inventory.azure.enabled=true to read the estate from Azure.")
                    .build();
        }
        sync.trigger();
        return Response.accepted(status()).build();
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
