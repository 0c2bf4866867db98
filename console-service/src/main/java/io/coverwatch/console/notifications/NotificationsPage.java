package io.coverwatch.console.notifications;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.console.apis.Answer;
import io.coverwatch.console.apis.CoverwatchApi;
import io.coverwatch.console.apis.CoverwatchApis;
import io.coverwatch.console.apis.Lifetime;
import io.coverwatch.console.apis.QueryString;
import io.coverwatch.console.session.ErrorPages;
import io.coverwatch.console.session.FormToken;
import io.coverwatch.console.session.SignedIn;
import io.coverwatch.console.session.SignedIn.Viewer;
import io.coverwatch.security.Actor;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * notification-service's side of the estate: the channels (their URLs masked by the service, never unmasked here), the
 * delivery log with re-drive for parked messages, silences, and the test alert. Every change is a form POST (with the
 * CSRF token) relayed as the person: an Operator is offered the buttons, and notification-service's 403 still guards a
 * forged one.
 */
@Path("/notifications")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class NotificationsPage {

    static final int PAGE_SIZE = 50;

    /** A channel as notification-service shows it: the URL already masked there. */
    public record Channel(
            String id, String name, String kind, String url, boolean signed, double ratePerSecond, Instant updatedAt) {}

    /** One message to one channel. */
    public record Delivery(
            long id,
            String channelName,
            int part,
            String status,
            int attempts,
            Instant nextAttemptAt,
            String lastError,
            Integer lastHttpStatus,
            Instant createdAt,
            Instant deliveredAt) {

        public boolean parked() {
            return "PARKED".equals(status);
        }
    }

    public record Silence(
            String id,
            List<String> matchers,
            Actor createdBy,
            Actor expiredBy,
            String comment,
            Instant startsAt,
            Instant endsAt,
            String state) {

        public boolean expired() {
            return "expired".equals(state);
        }
    }

    /** Where a test alert got to on one channel. */
    public record Arrival(String channelName, String status, int attempts, Instant deliveredAt, String lastError) {}

    public record TestAlert(
            String id, Instant requestedAt, String requestedBy, List<Arrival> channels, boolean reachedEveryChannel) {}

    /**
     * @param delivery the delivery state shown ({@code parked} by default, empty for all)
     */
    public record NotificationsView(
            List<Channel> channels,
            List<Delivery> deliveries,
            String delivery,
            int page,
            boolean more,
            List<Silence> silences,
            List<Lifetime> silenceLifetimes,
            List<String> problems) {

        public int previous() {
            return page - 1;
        }

        public int next() {
            return page + 1;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notifications(Viewer viewer, NotificationsView view);

        static native TemplateInstance testAlert(Viewer viewer, TestAlert report);
    }

    private final CoverwatchApis apis;
    private final SignedIn signedIn;
    private final FormToken formToken;

    NotificationsPage(CoverwatchApis apis, SignedIn signedIn, FormToken formToken) {
        this.apis = apis;
        this.signedIn = signedIn;
        this.formToken = formToken;
    }

    /** Channels, the delivery log ({@code ?delivery=parked} by default: what waits for a person), and silences. */
    @GET
    public String notifications(
            @QueryParam("delivery") @DefaultValue("parked") String delivery,
            @QueryParam("page") @DefaultValue("0") int page) {
        String token = signedIn.accessToken();
        int shown = Math.max(0, page);
        CompletableFuture<Answer<List<Channel>>> channels =
                apis.get(token, CoverwatchApi.NOTIFICATION, "/api/channels", new TypeReference<List<Channel>>() {});
        CompletableFuture<Answer<List<Delivery>>> deliveries = apis.get(
                token,
                CoverwatchApi.NOTIFICATION,
                "/api/deliveries?page=" + shown + "&size=" + PAGE_SIZE + QueryString.of("status", delivery),
                new TypeReference<List<Delivery>>() {});
        // Latest expiry first: the active and pending ones, then the most recently lapsed.
        CompletableFuture<Answer<List<Silence>>> silences = apis.get(
                token, CoverwatchApi.NOTIFICATION, "/api/silences?size=100", new TypeReference<List<Silence>>() {});
        List<String> problems = new ArrayList<>();
        channels.join().problem().ifPresent(problem -> problems.add("Channels: " + problem));
        deliveries.join().problem().ifPresent(problem -> problems.add("Deliveries: " + problem));
        silences.join().problem().ifPresent(problem -> problems.add("Silences: " + problem));
        List<Delivery> listed = deliveries.join().found().orElse(List.of());
        return Templates.notifications(
                        signedIn.viewer(),
                        new NotificationsView(
                                channels.join().found().orElse(List.of()),
                                listed,
                                delivery,
                                shown,
                                listed.size() == PAGE_SIZE,
                                silences.join().found().orElse(List.of()),
                                Lifetime.SILENCE,
                                problems))
                .render();
    }

    @POST
    @Path("/deliveries/{deliveryId}/redrive")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response redrive(@PathParam("deliveryId") long deliveryId, @FormParam(FormToken.FIELD) String token) {
        if (!formToken.matches(token)) {
            return ErrorPages.staleForm(signedIn.viewer());
        }
        Answer<JsonNode> answer = apis.post(
                signedIn.accessToken(), CoverwatchApi.NOTIFICATION, "/api/deliveries/" + deliveryId + "/redrive");
        return ErrorPages.orSeeOther(
                signedIn.viewer(), answer, "delivery " + deliveryId, URI.create("/notifications?delivery="));
    }

    /**
     * A silence from the form: one matcher a line, in Alertmanager's text form, for one of the offered lengths.
     * notification-service reads the matchers and says what is wrong with them (a 400 page naming it).
     */
    @POST
    @Path("/silences")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response silence(
            @FormParam("matchers") @DefaultValue("") String matchers,
            @FormParam("comment") @DefaultValue("") String comment,
            @FormParam("length") @DefaultValue("") String length,
            @FormParam(FormToken.FIELD) String token) {
        if (!formToken.matches(token)) {
            return ErrorPages.staleForm(signedIn.viewer());
        }
        Optional<Lifetime> lasts = Lifetime.of(length, Lifetime.SILENCE);
        if (lasts.isEmpty()) {
            return ErrorPages.badForm(signedIn.viewer(), "length must be one of " + Lifetime.listed(Lifetime.SILENCE));
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put(
                "matchers",
                matchers.lines()
                        .map(String::strip)
                        .filter(line -> !line.isEmpty())
                        .toList());
        request.put("comment", comment);
        request.put("endsAt", lasts.get().endingFrom(Instant.now()).toString());
        Answer<JsonNode> answer =
                apis.post(signedIn.accessToken(), CoverwatchApi.NOTIFICATION, "/api/silences", request);
        return ErrorPages.orSeeOther(signedIn.viewer(), answer, "silence", URI.create("/notifications#silences"));
    }

    @POST
    @Path("/silences/{silenceId}/expire")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response expire(@PathParam("silenceId") String silenceId, @FormParam(FormToken.FIELD) String token) {
        if (!formToken.matches(token)) {
            return ErrorPages.staleForm(signedIn.viewer());
        }
        Answer<JsonNode> answer =
                apis.delete(signedIn.accessToken(), CoverwatchApi.NOTIFICATION, "/api/silences/" + encode(silenceId));
        return ErrorPages.orSeeOther(
                signedIn.viewer(), answer, "silence " + silenceId, URI.create("/notifications#silences"));
    }

    /** Sends the canary and goes to its report, which has its own URL to come back to. */
    @POST
    @Path("/test-alerts")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response sendTestAlert(@FormParam(FormToken.FIELD) String token) {
        if (!formToken.matches(token)) {
            return ErrorPages.staleForm(signedIn.viewer());
        }
        Answer<JsonNode> answer = apis.post(signedIn.accessToken(), CoverwatchApi.NOTIFICATION, "/api/test-alert");
        if (answer.found().isEmpty()) {
            return ErrorPages.of(signedIn.viewer(), answer, "test alert");
        }
        return Response.seeOther(URI.create("/notifications/test-alerts/"
                        + encode(answer.found().get().path("id").asText())))
                .build();
    }

    /** When the canary reached each channel; without JavaScript, reloading the page follows it. */
    @GET
    @Path("/test-alerts/{testAlertId}")
    public Response testAlert(@PathParam("testAlertId") String testAlertId) {
        Answer<TestAlert> answer = apis.get(
                        signedIn.accessToken(),
                        CoverwatchApi.NOTIFICATION,
                        "/api/test-alert/" + encode(testAlertId),
                        new TypeReference<TestAlert>() {})
                .join();
        if (answer.found().isEmpty()) {
            return ErrorPages.of(signedIn.viewer(), answer, "test alert " + testAlertId);
        }
        return Response.ok(Templates.testAlert(signedIn.viewer(), answer.found().get())
                        .render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .build();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
