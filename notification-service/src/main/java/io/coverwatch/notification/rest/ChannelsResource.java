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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ChannelStore: Slack and Teams webhooks and generic JSON webhooks. A webhook URL is a secret: it is stored, never logged,
 * and shown only masked; a signing secret is never shown at all.
 */
@Path("/api/channels")
@Tag(name = "Channels", description = "Slack, Teams and generic webhooks; URLs shown masked, signing secrets never.")
public class ChannelsResource {

    /**
     * A channel as a client asks for it.
     *
     * @param url           the webhook URL; on an update, leave it out to keep the stored one
     * @param signingSecret a generic webhook's HMAC key; on an update, leave it out to keep the stored one
     * @param ratePerSecond messages per second; leave it out for the kind's default
     */
    @Schema(description = "A channel as a client asks for it.")
    public record ChannelRequest(
            @Schema(description = "Its name, unique (any case) among channels; at most 128 characters.")
                    @Size(max = 128)
                    String name,
            @Schema(description = "slack, teams or webhook.") ChannelKind kind,
            @Schema(
                            description = "The webhook URL: absolute https, no user info, its host on the allowlist"
                                    + " (coverwatch.notification.webhooks.allowed-hosts: by default hooks.slack.com,"
                                    + " *.logic.azure.com, *.environment.api.powerplatform.com); at most 2,048"
                                    + " characters. On an update, leave it out to keep the stored one.")
                    @Size(max = 2048)
                    String url,
            @Schema(
                            description = "A generic webhook's HMAC key, which it needs; at most 512 characters. On an"
                                    + " update, leave it out to keep the stored one.")
                    @Size(max = 512)
                    String signingSecret,
            @Schema(description = "Messages per second; leave it out for the kind's default.") Double ratePerSecond) {

        ChannelSpec spec() {
            return new ChannelSpec(name, kind, url, signingSecret, ratePerSecond);
        }
    }

    /** A channel as the API shows it: the URL masked, the signing secret only as "there is one". */
    @Schema(description = "A channel, its URL masked and its signing secret only as there is one.")
    public record ChannelView(
            @Schema(description = "The channel's ID.") UUID id,
            @Schema(description = "Its name.") String name,
            @Schema(description = "slack, teams or webhook.") ChannelKind kind,
            @Schema(description = "The webhook URL, masked.") String url,
            @Schema(description = "Whether messages are signed (a generic webhook with its secret).") boolean signed,
            @Schema(description = "Messages per second.") double ratePerSecond,
            @Schema(description = "When it was created.") Instant createdAt,
            @Schema(description = "When it last changed.") Instant updatedAt) {}

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
    @Operation(
            summary = "Create a channel",
            description = "Adds a channel; the change is audited. The URL is a secret: stored, never logged, shown"
                    + " only masked. Needs Coverwatch.Admin.")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ChannelView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No URL, a malformed or non-https URL, a host off the allowlist, a generic webhook without"
                    + " a signing secret, a name taken already, or a field past its limit.")
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
    @Operation(summary = "List channels", description = "Every channel not deleted. Needs Coverwatch.Reader.")
    public List<ChannelView> list() {
        return channels.active().stream().map(this::view).toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read one channel", description = "One channel by its ID. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The channel.")
    @APIResponse(responseCode = "404", description = "No channel with this ID.")
    public ChannelView get(@Parameter(description = "The channel's ID.") @PathParam("id") UUID id) {
        return channels.find(id).map(this::view).orElseThrow(() -> notFound(id));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("/{id}")
    @Transactional
    @Operation(
            summary = "Change a channel",
            description = "Changes a channel; a URL or signing secret left out keeps the stored one. Audited. Needs"
                    + " Coverwatch.Admin.")
    @APIResponse(responseCode = "200", description = "The channel now.")
    @APIResponse(
            responseCode = "400",
            description = "A malformed or non-https URL, a host off the allowlist, a name taken already, or a field"
                    + " past its limit.")
    @APIResponse(responseCode = "404", description = "No channel with this ID.")
    public ChannelView update(
            @Parameter(description = "The channel's ID.") @PathParam("id") UUID id,
            @NotNull @Valid ChannelRequest request) {
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
    @Operation(
            summary = "Delete a channel",
            description = "Deletes a channel; what it had not delivered yet is parked with the reason and stays"
                    + " listed in the delivery log. Audited. Needs Coverwatch.Admin.")
    @APIResponse(responseCode = "204", description = "Deleted.")
    @APIResponse(responseCode = "404", description = "No channel with this ID.")
    public Response delete(@Parameter(description = "The channel's ID.") @PathParam("id") UUID id) {
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
