package io.coverwatch.notification.rest;

import io.coverwatch.notification.audit.AuditAction;
import io.coverwatch.notification.audit.AuditTrail;
import io.coverwatch.notification.channel.ChannelRecord;
import io.coverwatch.notification.delivery.DeliveryLog;
import io.coverwatch.notification.delivery.DeliveryRecord;
import io.coverwatch.notification.delivery.DeliveryStatus;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log: each message to each channel, where it stands, and re-drive for parked ones. Never the URL. */
@Path("/api/deliveries")
@Tag(name = "Deliveries", description = "The delivery log: each message to each channel, and re-drive for parked ones.")
public class DeliveriesResource {

    /** A delivery as the API shows it. */
    @Schema(description = "One message to one channel, never with the channel's URL.")
    public record DeliveryView(
            @Schema(description = "The delivery's ID.") long id,
            @Schema(description = "Stable for one decision: a group's flush, or the event or test alert behind it.")
                    String deliveryKey,
            @Schema(description = "The channel's ID.") UUID channelId,
            @Schema(description = "The channel's name.") String channelName,
            @Schema(description = "Which message of a group rendered as several (0 for the first).") int part,
            @Schema(description = "Where it stands.") DeliveryStatus status,
            @Schema(description = "Attempts so far.") int attempts,
            @Schema(description = "When it is tried next.") Instant nextAttemptAt,
            @Schema(description = "Why the last attempt failed.") String lastError,
            @Schema(description = "The channel's HTTP status on the last attempt.") Integer lastHttpStatus,
            @Schema(description = "When it was decided.") Instant createdAt,
            @Schema(description = "When it was delivered; null until then.") Instant deliveredAt) {}

    private final DeliveryLog log;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    DeliveriesResource(DeliveryLog log, AuditTrail audit, Caller caller, Clock clock) {
        this.log = log;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    /** @param status {@code pending}, {@code sending}, {@code delivered} or {@code parked} */
    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "List deliveries",
            description = "The delivery log, newest first, one page at a time; filters combine. Needs"
                    + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of deliveries.")
    @APIResponse(responseCode = "400", description = "page or size out of bounds.")
    public List<DeliveryView> list(
            @Parameter(description = "Only deliveries in this state: pending, sending, delivered or parked.")
                    @QueryParam("status")
                    DeliveryStatus status,
            @Parameter(description = "Only this channel's (its ID).") @QueryParam("channel") UUID channel,
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Deliveries per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        List<DeliveryRecord> rows = log.list(status, channel, page, size);
        Map<UUID, String> names =
                ChannelRecord.<ChannelRecord>list(
                                "id in ?1",
                                rows.stream()
                                        .map(row -> row.channelId)
                                        .distinct()
                                        .toList())
                        .stream()
                        .collect(Collectors.toMap(c -> c.id, c -> c.name, (a, b) -> a));
        return rows.stream().map(row -> view(row, names::get)).toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read one delivery", description = "One delivery by its ID. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The delivery.")
    @APIResponse(responseCode = "404", description = "No delivery with this ID.")
    public DeliveryView get(@Parameter(description = "The delivery's ID.") @PathParam("id") long id) {
        return log.find(id)
                .map(row -> view(row, DeliveriesResource::channelName))
                .orElseThrow(() -> notFound(id));
    }

    /** Sends a parked message again, the same body, from a fresh count of attempts. */
    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Path("/{id}/redrive")
    @Transactional
    @Operation(
            summary = "Re-drive a parked delivery",
            description = "Sends a parked message again, the same body, from a fresh count of attempts. Audited."
                    + " Needs Coverwatch.Operator.")
    @APIResponse(responseCode = "200", description = "The delivery, pending again.")
    @APIResponse(responseCode = "404", description = "No delivery with this ID.")
    @APIResponse(responseCode = "409", description = "It is not parked, or its channel was deleted.")
    public DeliveryView redrive(@Parameter(description = "The delivery's ID.") @PathParam("id") long id) {
        DeliveryRecord row = log.find(id).orElseThrow(() -> notFound(id));
        if (row.status != DeliveryStatus.PARKED) {
            throw conflict("Delivery " + id + " is " + row.status + "; only parked deliveries are re-driven");
        }
        boolean channelLive = ChannelRecord.<ChannelRecord>findByIdOptional(row.channelId)
                .filter(channel -> channel.deletedAt == null)
                .isPresent();
        if (!channelLive) {
            throw conflict("The channel of delivery " + id + " was deleted");
        }
        Instant now = clock.instant();
        log.redrive(row, now);
        audit.record(caller.actor(), AuditAction.DELIVERY_REDRIVEN, "delivery " + id, now);
        return view(row, DeliveriesResource::channelName);
    }

    private static String channelName(UUID channelId) {
        return ChannelRecord.<ChannelRecord>findByIdOptional(channelId)
                .map(c -> c.name)
                .orElse(null);
    }

    private static DeliveryView view(DeliveryRecord row, Function<UUID, String> channelNames) {
        return new DeliveryView(
                row.id,
                row.deliveryKey,
                row.channelId,
                channelNames.apply(row.channelId),
                row.part,
                row.status,
                row.attempts,
                row.nextAttemptAt,
                row.lastError,
                row.lastHttpStatus,
                row.createdAt,
                row.deliveredAt);
    }

    private static HttpProblem conflict(String detail) {
        return HttpProblem.builder()
                .withStatus(Response.Status.CONFLICT)
                .withTitle("Cannot re-drive")
                .withDetail(detail)
                .build();
    }

    private static NotFoundException notFound(long id) {
        return new NotFoundException("No delivery " + id);
    }
}
