package io.coverwatch.notification.routingstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.coverwatch.notification.routing.InvalidRouting;
import io.coverwatch.notification.routing.Matcher;
import io.coverwatch.notification.routing.Route;
import io.coverwatch.notification.routing.inhibition.InhibitRule;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The routing configuration as {@code GET/PUT /api/routes} and the database hold it: Alertmanager's {@code route} and
 * {@code inhibit_rules}, with matchers in Alertmanager's text form ({@code severity="High"}) and durations as
 * {@code 30s}, {@code 5m}, {@code 4h}. A route's {@code receiver} names a channel, or {@value #EVERY_CHANNEL} for every
 * channel there is. Unknown fields are refused rather than ignored, so a misspelt setting is not silently lost.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(
        description = "The routing tree and inhibit rules in Alertmanager's shape. Matchers are in Alertmanager's text"
                + " form (severity=\"High\"), durations are written 30s, 5m, 4h, and a receiver names a channel or *"
                + " for every channel. An unknown field is refused.")
public record RoutingDocument(
        @Schema(description = "The root route; it needs a receiver.") @JsonProperty("route") RouteDocument route,
        @Schema(description = "While a firing notice matches a rule's source, notices matching its target are muted.")
                @JsonProperty("inhibit_rules")
                List<InhibitRuleDocument> inhibitRules) {

    /** The receiver that stands for every channel, whatever channels exist when a message goes out. */
    public static final String EVERY_CHANNEL = "*";

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public RoutingDocument {
        inhibitRules = inhibitRules == null ? List.of() : List.copyOf(inhibitRules);
    }

    /** One route; every setting but {@code matchers}, {@code continue} and {@code routes} is inherited when null. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(
            description = "One route; every setting but matchers, continue and routes is inherited from its parent"
                    + " when left out.")
    public record RouteDocument(
            @Schema(description = "Which notices it takes, for example severity=\"High\"; all must match.")
                    @JsonProperty("matchers")
                    List<String> matchers,
            @Schema(description = "The channel's name, or * for every channel.") @JsonProperty("receiver")
                    String receiver,
            @Schema(description = "Whether later sibling routes are tried after this one matched.")
                    @JsonProperty("continue")
                    Boolean continueMatching,
            @Schema(description = "The labels that group notices into one message; ... groups by every label.")
                    @JsonProperty("group_by")
                    List<String> groupBy,
            @Schema(description = "How long a new group waits before its first message, for example 30s.")
                    @JsonProperty("group_wait")
                    String groupWait,
            @Schema(description = "How long a group waits before telling what changed, for example 5m.")
                    @JsonProperty("group_interval")
                    String groupInterval,
            @Schema(description = "How long before a group that did not change is told again, for example 4h.")
                    @JsonProperty("repeat_interval")
                    String repeatInterval,
            @Schema(description = "Whether resolved notices are sent too.") @JsonProperty("send_resolved")
                    Boolean sendResolved,
            @Schema(description = "Child routes, tried in order.") @JsonProperty("routes") List<RouteDocument> routes) {

        Route toRoute() {
            return new Route(
                    parseMatchers(matchers),
                    receiver,
                    Boolean.TRUE.equals(continueMatching),
                    groupBy,
                    RouteDurations.parse("group_wait", groupWait),
                    RouteDurations.parse("group_interval", groupInterval),
                    RouteDurations.parse("repeat_interval", repeatInterval),
                    sendResolved,
                    routes == null
                            ? List.of()
                            : routes.stream().map(RouteDocument::toRoute).toList());
        }

        static RouteDocument of(Route route) {
            return new RouteDocument(
                    route.matchers().isEmpty()
                            ? null
                            : route.matchers().stream().map(Matcher::toString).toList(),
                    route.receiver(),
                    route.continueMatching() ? true : null,
                    route.groupBy(),
                    RouteDurations.format(route.groupWait()),
                    RouteDurations.format(route.groupInterval()),
                    RouteDurations.format(route.repeatInterval()),
                    route.sendResolved(),
                    route.routes().isEmpty()
                            ? null
                            : route.routes().stream().map(RouteDocument::of).toList());
        }
    }

    /** An inhibit rule: while a firing notice matches the source, notices matching the target are muted. */
    @Schema(description = "While a firing notice matches the source, notices matching the target are muted.")
    public record InhibitRuleDocument(
            @Schema(description = "What the firing notice matches.") @JsonProperty("source_matchers")
                    List<String> sourceMatchers,
            @Schema(description = "What the muted notices match.") @JsonProperty("target_matchers")
                    List<String> targetMatchers,
            @Schema(description = "Labels whose values must be equal in source and target.") @JsonProperty("equal")
                    List<String> equal) {

        InhibitRule toRule() {
            return new InhibitRule(parseMatchers(sourceMatchers), parseMatchers(targetMatchers), equal);
        }

        static InhibitRuleDocument of(InhibitRule rule) {
            return new InhibitRuleDocument(
                    rule.sourceMatchers().stream().map(Matcher::toString).toList(),
                    rule.targetMatchers().stream().map(Matcher::toString).toList(),
                    rule.equal());
        }
    }

    /** The routing tree and the configured inhibit rules; {@link InvalidRouting} for anything that cannot be one. */
    public RoutingInForce toConfig() {
        if (route == null) {
            throw new InvalidRouting("the routing configuration needs a root route");
        }
        return new RoutingInForce(
                route.toRoute(),
                inhibitRules.stream().map(InhibitRuleDocument::toRule).toList());
    }

    public static RoutingDocument of(RoutingInForce config) {
        return new RoutingDocument(
                RouteDocument.of(config.root()),
                config.inhibitRules().stream().map(InhibitRuleDocument::of).toList());
    }

    /** Reads a document; {@link InvalidRouting} naming the problem when it is not one (an unknown field included). */
    public static RoutingDocument read(String json) {
        try {
            RoutingDocument document = STRICT.readValue(json, RoutingDocument.class);
            if (document == null) {
                throw new InvalidRouting("the routing configuration is empty");
            }
            return document;
        } catch (JsonProcessingException e) {
            throw new InvalidRouting("unreadable routing configuration: " + e.getOriginalMessage(), e);
        }
    }

    public String write() {
        try {
            return STRICT.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a routing document always writes", e);
        }
    }

    private static List<Matcher> parseMatchers(List<String> texts) {
        return texts == null ? List.of() : texts.stream().map(Matcher::parse).toList();
    }
}
