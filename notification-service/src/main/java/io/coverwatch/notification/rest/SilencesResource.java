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
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Silences: mute the notices matching some matchers until an expiry, with who and why. */
@Path("/api/silences")
public class SilencesResource {

    /**
     * A silence as a client asks for it; who silences is the caller's token.
     *
     * @param matchers  Alertmanager's text form, for example {@code rule="CW-MON-NOT-MONITORED"}
     * @param startsAt  leave it out to start now
     * @param endsAt    the expiry, in the future
     */
    public record SilenceRequest(
            @Size(max = 32) List<@NotNull @Size(max = 512) String> matchers,
            @Size(max = 1024) String comment,
            Instant startsAt,
            Instant endsAt) {}

    /**
     * A silence as the API shows it; {@code state} is {@code pending}, {@code active} or {@code expired}.
     *
     * @param expiredBy who expired it before its time; null when nobody did
     */
    public record SilenceView(
            UUID id,
            List<String> matchers,
            Actor createdBy,
            Actor expiredBy,
            String comment,
            Instant startsAt,
            Instant endsAt,
            String state,
            Instant createdAt,
            Instant updatedAt) {}

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
    public List<SilenceView> list(
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        Instant now = clock.instant();
        return silences.page(page, size).stream()
                .map(silence -> view(silence, now))
                .toList();
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{id}")
    public SilenceView get(@PathParam("id") UUID id) {
        return silences.find(id).map(silence -> view(silence, clock.instant())).orElseThrow(() -> notFound(id));
    }

    /** Expires the silence now: what it muted is told again at its group's next look. */
    @RolesAllowed(Roles.OPERATOR)
    @DELETE
    @Path("/{id}")
    @Transactional
    public SilenceView expire(@PathParam("id") UUID id) {
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
