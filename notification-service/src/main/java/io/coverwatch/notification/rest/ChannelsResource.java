package io.coverwatch.notification.rest;

import io.coverwatch.notification.audit.AuditAction;
import io.coverwatch.notification.audit.AuditTrail;
import io.coverwatch.notification.channel.ChannelKind;
import io.coverwatch.notification.channel.ChannelRecord;
import io.coverwatch.notification.channel.ChannelSpec;
import io.coverwatch.notification.channel.ChannelStore;
import io.coverwatch.notification.channel.InvalidChannel;
import io.coverwatch.notification.delivery.DeliveryLog;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import io.quarkiverse.resteasy.problem.HttpProblem;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * ChannelStore: Slack and Teams webhooks and generic JSON webhooks. A webhook URL is a secret: it is stored, never logged,
 * and shown only masked; a signing secret is never shown at all.
 */
@Path("/api/channels")
public class ChannelsResource {

    /**
     * A channel as a client asks for it.
     *
     * @param url           the webhook URL; on an update, leave it out to keep the stored one
     * @param signingSecret a generic webhook's HMAC key; on an update, leave it out to keep the stored one
     * @param ratePerSecond messages per second; leave it out for the kind's default
     */
    public record ChannelRequest(
            @Size(max = 128) String name,
            ChannelKind kind,
            @Size(max = 2048) String url,
            @Size(max = 512) String signingSecret,
            Double ratePerSecond) {

        ChannelSpec spec() {
            return new ChannelSpec(name, kind, url, signingSecret, ratePerSecond);
        }
    }

    /** A channel as the API shows it: the URL masked, the signing secret only as "there is one". */
    public record ChannelView(
            UUID id,
            String name,
            ChannelKind kind,
            String url,
            boolean signed,
            double ratePerSecond,
            Instant createdAt,
            Instant updatedAt) {}

    private final ChannelStore channels;
    private final DeliveryLog deliveries;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    ChannelsResource(ChannelStore channels, DeliveryLog deliveries, AuditTrail audit, Caller caller, Clock clock) {
        this.channels = channels;
        this.deliveries = deliveries;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Transactional
    public Response create(@NotNull @Valid ChannelRequest request) {
        Instant now = clock.instant();
        ChannelRecord channel = valid(() -> channels.create(request.spec(), now));
        audit.record(caller.actor(), AuditAction.CHANNEL_CREATED, channel.toString(), now);
        return Response.created(URI.create("/api/channels/" + channel.id))
                .entity(view(channel))
                .build();
    }

    @RolesAllowed(Roles.READER)
    @GET
    public List<ChannelView> list() {
        return channels.active().stream().map(this::view).toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id}")
    public ChannelView get(@PathParam("id") UUID id) {
        return channels.find(id).map(this::view).orElseThrow(() -> notFound(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{id}")
    @Transactional
    public ChannelView update(@PathParam("id") UUID id, @NotNull @Valid ChannelRequest request) {
        Instant now = clock.instant();
        ChannelRecord channel =
                valid(() -> channels.update(id, request.spec(), now)).orElseThrow(() -> notFound(id));
        audit.record(caller.actor(), AuditAction.CHANNEL_UPDATED, channel.toString(), now);
        return view(channel);
    }

    /** Deletes a channel; what it had not delivered yet is parked with the reason, and stays listed. */
    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") UUID id) {
        Instant now = clock.instant();
        ChannelRecord channel = channels.delete(id, now).orElseThrow(() -> notFound(id));
        deliveries.parkUndelivered(channel.id, "channel deleted before delivery");
        audit.record(caller.actor(), AuditAction.CHANNEL_DELETED, channel.toString(), now);
        return Response.noContent().build();
    }

    private <T> T valid(Supplier<T> change) {
        try {
            return change.get();
        } catch (InvalidChannel e) {
            throw HttpProblem.builder()
                    .withStatus(Response.Status.BAD_REQUEST)
                    .withTitle("Invalid channel")
                    .withDetail(e.getMessage())
                    .build();
        }
    }

    private ChannelView view(ChannelRecord channel) {
        return new ChannelView(
                channel.id,
                channel.name,
                channel.kind,
                channels.url(channel).masked(),
                channel.signingSecret != null,
                channel.ratePerSecond,
                channel.createdAt,
                channel.updatedAt);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No channel " + id);
    }
}
