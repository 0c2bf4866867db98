package io.coverwatch.notification.routingstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.notification.routing.InvalidRouting;
import io.coverwatch.notification.routing.Matcher;
import io.coverwatch.notification.routing.Route;
import io.coverwatch.notification.routing.inhibition.InhibitRule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoutingDocumentTest {

    /** The README's example: High to the SOC's Teams too, dev-subscription to dev-slack, the rest to every channel. */
    private static final String SOC =
            """
            {
              "route": {
                "receiver": "*",
                "group_by": ["subscription", "rule"],
                "routes": [
                  {"matchers": ["severity=\\"High\\""], "receiver": "soc-teams", "continue": true,
                   "repeat_interval": "1h"},
                  {"matchers": ["subscription=\\"22222222-2222-2222-2222-222222222222\\""], "receiver": "dev-slack",
                   "group_wait": "1m30s", "send_resolved": false}
                ]
              },
              "inhibit_rules": [
                {"source_matchers": ["rule=\\"CW-DEF-SQL\\""], "target_matchers": ["kind=\\"servers\\""],
                 "equal": ["subscription"]}
              ]
            }
            """;

    @Test
    void theDocumentReadsAsTheRoutingTreeAndWritesBackTheSame() {
        RoutingInForce config = RoutingDocument.read(SOC).toConfig();

        Route root = config.root();
        assertEquals("*", root.receiver());
        assertEquals(List.of("subscription", "rule"), root.groupBy());
        Route teams = root.routes().get(0);
        assertEquals(List.of(Matcher.equal("severity", "High")), teams.matchers());
        assertTrue(teams.continueMatching());
        assertEquals(Duration.ofHours(1), teams.repeatInterval());
        Route dev = root.routes().get(1);
        assertEquals(Duration.ofSeconds(90), dev.groupWait());
        assertEquals(false, dev.sendResolved());
        assertEquals(
                List.of(new InhibitRule(
                        List.of(Matcher.equal("rule", "CW-DEF-SQL")),
                        List.of(Matcher.equal("kind", "servers")),
                        List.of("subscription"))),
                config.inhibitRules());
        RoutingDocument written = RoutingDocument.of(config);
        assertEquals(config, RoutingDocument.read(written.write()).toConfig());
        assertEquals("1m30s", written.route().routes().get(1).groupWait());
    }

    @Test
    void anUnknownLabelFieldOrDurationIsInvalidRouting() {
        InvalidRouting label = assertThrows(InvalidRouting.class, () -> RoutingDocument.read(
                        "{\"route\": {\"receiver\": \"*\", \"matchers\": [\"owner=soc\"]}}")
                .toConfig());
        assertTrue(label.getMessage().contains("unknown label 'owner'"), label.getMessage());
        assertThrows(
                InvalidRouting.class,
                () -> RoutingDocument.read("{\"route\": {\"receiver\": \"*\", \"match\": {\"severity\": \"High\"}}}"));
        assertThrows(InvalidRouting.class, () -> RoutingDocument.read(
                        "{\"route\": {\"receiver\": \"*\", \"group_wait\": \"30 seconds\"}}")
                .toConfig());
        assertThrows(InvalidRouting.class, () -> RoutingDocument.read("{}").toConfig());
        assertThrows(InvalidRouting.class, () -> RoutingDocument.read("{not json"));
    }

    @Test
    void durationsReadAndWriteAsAlertmanagerWritesThem() {
        assertEquals(Duration.ofSeconds(30), RouteDurations.parse("group_wait", "30s"));
        assertEquals(Duration.ofMinutes(90), RouteDurations.parse("repeat_interval", "1h30m"));
        assertEquals(Duration.ofMillis(500), RouteDurations.parse("group_wait", "500ms"));
        assertEquals("4h", RouteDurations.format(Duration.ofHours(4)));
        assertEquals("1m30s", RouteDurations.format(Duration.ofSeconds(90)));
        assertEquals("1s500ms", RouteDurations.format(Duration.ofMillis(1500)));
        assertThrows(InvalidRouting.class, () -> RouteDurations.parse("group_wait", "-1s"));
        assertThrows(InvalidRouting.class, () -> RouteDurations.parse("group_wait", "PT30S"));
    }
}
