package io.coverwatch.notification.rest;

import io.coverwatch.notification.audit.AuditAction;
import io.coverwatch.notification.audit.AuditTrail;
import io.coverwatch.notification.silencestore.SilenceRecord;
import io.coverwatch.notification.silencestore.SilenceStore;
import io.coverwatch.security.Actor;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Silences: mute the notices matching some matchers until an expiry, with who and why. */
@Path("/api/silences")
@Tag(name = "Silences", description = "Mute the notices matching some matchers until an expiry, with who and why.")
public class SilencesResource {

    /**
     * A silence as a client asks for it; who silences is the caller's token.
     *
     * @param matchers  Alertmanager's text form, for example {@code rule="CW-MON-NOT-MONITORED"}
     * @param startsAt  leave it out to start now
     * @param endsAt    the expiry, in the future
     */
    @Schema(description = "A silence as a client asks for it; who silences is the caller's token.")
    public record SilenceRequest(
            @Schema(
                            description = "Required: 1 to 32 matchers in Alertmanager's text form, for example"
                                    + " rule=\"CW-MON-NOT-MONITORED\", each at most 512 characters; at least one must not match"
                                    + " an empty label.")
                    @Size(max = 32)
                    List<@NotNull @Size(max = 512) String> matchers,
            @Schema(description = "Required: why; at most 1,024 characters.") @Size(max = 1024) String comment,
            @Schema(description = "When it starts; leave it out to start now.") Instant startsAt,
            @Schema(description = "Required: the expiry, after the start and in the future.") Instant endsAt) {}

    /**
     * A silence as the API shows it; {@code state} is {@code pending}, {@code active} or {@code expired}.
     *
     * @param expiredBy who expired it before its time; null when nobody did
     */
    @Schema(description = "A silence, with who made it and who expired it.")
    public record SilenceView(
            @Schema(description = "The silence's ID.") UUID id,
            @Schema(description = "What it mutes, in Alertmanager's text form.") List<String> matchers,
            @Schema(description = "Who made it, from their token.") Actor createdBy,
            @Schema(description = "Who expired it before its time; null when nobody did.") Actor expiredBy,
            @Schema(description = "Why.") String comment,
            @Schema(description = "When it starts.") Instant startsAt,
            @Schema(description = "When it expires.") Instant endsAt,
            @Schema(description = "pending, active or expired.") String state,
            @Schema(description = "When it was made.") Instant createdAt,
            @Schema(description = "When it last changed.") Instant updatedAt) {}

    private final SilenceStore silences;
    private final AuditTrail audit;
    private final Caller caller;
    private final Clock clock;

    SilencesResource(SilenceStore silences, AuditTrail audit, Caller caller, Clock clock) {
        this.silences = silences;
        this.audit = audit;
        this.caller = caller;
        this.clock = clock;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Transactional
    @Operation(
            summary = "Create a silence",
            description = "Mutes the notices matching every matcher from startsAt until endsAt. Audited. Needs"
                    + " Coverwatch.Operator.")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names it.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SilenceView.class)))
    @APIResponse(
            responseCode = "400",
            description = "No matcher, an unreadable one, only matchers that match an empty label, no comment, no"
                    + " expiry or one not after the start or in the past, or a field past its limit.")
    public Response create(@NotNull @Valid SilenceRequest request) {
        Instant now = clock.instant();
        Actor by = caller.actor();
        SilenceRecord silence =
                silences.create(request.matchers(), by, request.comment(), request.startsAt(), request.endsAt(), now);
        audit.record(by, AuditAction.SILENCE_CREATED, "silence " + silence.id, now);
        return Response.created(URI.create("/api/silences/" + silence.id))
                .entity(view(silence, now))
                .build();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "List silences",
            description = "Every silence, expired ones too, latest expiry first, one page at a time. Needs"
                    + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of silences.")
    @APIResponse(responseCode = "400", description = "page or size out of bounds.")
    public List<SilenceView> list(
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Silences per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        Instant now = clock.instant();
        return silences.page(page, size).stream()
                .map(silence -> view(silence, now))
                .toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id}")
    @Operation(summary = "Read one silence", description = "One silence by its ID. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The silence.")
    @APIResponse(responseCode = "404", description = "No silence with this ID.")
    public SilenceView get(@Parameter(description = "The silence's ID.") @PathParam("id") UUID id) {
        return silences.find(id).map(silence -> view(silence, clock.instant())).orElseThrow(() -> notFound(id));
    }

    /** Expires the silence now: what it muted is told again at its group's next look. */
    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{id}")
    @Transactional
    @Operation(
            summary = "Expire a silence",
            description = "Expires the silence now (it stays listed, with who expired it): what it muted is told"
                    + " again at its group's next look. Expiring an expired silence changes nothing. Needs"
                    + " Coverwatch.Operator.")
    @APIResponse(responseCode = "200", description = "The silence, expired.")
    @APIResponse(responseCode = "404", description = "No silence with this ID.")
    public SilenceView expire(@Parameter(description = "The silence's ID.") @PathParam("id") UUID id) {
        Instant now = clock.instant();
        Actor by = caller.actor();
        SilenceRecord silence = silences.expire(id, by, now).orElseThrow(() -> notFound(id));
        if (now.equals(silence.updatedAt)) { // expiring an expired silence changes nothing
            audit.record(by, AuditAction.SILENCE_EXPIRED, "silence " + silence.id, now);
        }
        return view(silence, now);
    }

    private static SilenceView view(SilenceRecord silence, Instant now) {
        String state = now.isBefore(silence.startsAt) ? "pending" : now.isBefore(silence.endsAt) ? "active" : "expired";
        return new SilenceView(
                silence.id,
                SilenceStore.matchers(silence),
                SilenceStore.createdBy(silence),
                SilenceStore.expiredBy(silence),
                silence.comment,
                silence.startsAt,
                silence.endsAt,
                state,
                silence.createdAt,
                silence.updatedAt);
    }

    private static NotFoundException notFound(UUID id) {
        return new NotFoundException("No silence " + id);
    }
}
