package io.coverwatch.notification.routing;

import static io.coverwatch.notification.routing.SeedNotices.analyticsDbNeedsDefenderForSql;
import static io.coverwatch.notification.routing.SeedNotices.devTest03AmaDown;
import static io.coverwatch.notification.routing.SeedNotices.prodWeb01NeedsLogAnalyticsAgent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    /**
     * High findings also go to the SOC's Teams channel; production to prod-slack, its SQL servers on to the DBAs
     * (who want no resolved notices); dev-subscription to dev-slack; the rest to the SOC webhook.
     */
    private static final Route ROOT = Route.to("soc-webhook")
            .withGroupBy("subscription")
            .withTimings(MINUTE, null, null)
            .withRoutes(
                    Route.to("soc-teams", Matcher.parse("severity=High"))
                            .continuing()
                            .withTimings(null, null, Duration.ofHours(1)),
                    Route.to("prod-slack", Matcher.parse("tag:env=prod"))
                            .withGroupBy("rule")
                            .withRoutes(Route.to("dba-slack", Matcher.parse("kind=servers"))
                                    .withSendResolved(false)),
                    Route.to("dev-slack", Matcher.parse("subscription=" + SeedNotices.DEV)));

    @Test
    void prodWeb01GoesToTheSocThenContinuesToProductionWhichItStaysAt() {
        List<RouteMatch> matches = Routing.receiversFor(ROOT, prodWeb01NeedsLogAnalyticsAgent());

        assertEquals(
                List.of(
                        new RouteMatch(
                                "/0",
                                "soc-teams",
                                List.of("subscription"),
                                new Timings(MINUTE, Duration.ofMinutes(5), Duration.ofHours(1)),
                                true),
                        new RouteMatch(
                                "/1",
                                "prod-slack",
                                List.of("rule"),
                                new Timings(MINUTE, Duration.ofMinutes(5), Duration.ofHours(4)),
                                true)),
                matches);
    }

    @Test
    void analyticsDbDescendsToTheDbasInheritingProductionsGroupingAndTheRootsWait() {
        List<RouteMatch> matches = Routing.receiversFor(ROOT, analyticsDbNeedsDefenderForSql());

        // Medium: not the SOC's; the first sibling that matches without continue is the last tried
        assertEquals(
                List.of(new RouteMatch(
                        "/1/0",
                        "dba-slack",
                        List.of("rule"),
                        new Timings(MINUTE, Duration.ofMinutes(5), Duration.ofHours(4)),
                        false)),
                matches);
    }

    @Test
    void devTest03GoesToTheSocAndToDevSlack() {
        List<RouteMatch> matches = Routing.receiversFor(ROOT, devTest03AmaDown());

        assertEquals(
                List.of("soc-teams", "dev-slack"),
                matches.stream().map(RouteMatch::receiver).toList());
        assertEquals("/2", matches.get(1).routePath());
        assertEquals(List.of("subscription"), matches.get(1).groupBy());
    }

    @Test
    void whatNoChildTakesStaysAtTheRootWithAlertmanagersDefaults() {
        Notice lowElsewhere = new Notice(
                "azlocal-key",
                NoticeKind.FINDING,
                true,
                "CW-AZLOCAL-VERSION",
                "Azure Local should run 2311 or later",
                Severity.LOW,
                "/subscriptions/" + SeedNotices.HYBRID + "/resourceGroups/azlocal-rg/providers/"
                        + AzureResource.AZURE_LOCAL_INSTANCE_TYPE + "/azlocal-london",
                AzureResource.AZURE_LOCAL_INSTANCE_TYPE,
                "azlocal-london",
                SeedNotices.HYBRID,
                Map.of(),
                null,
                null,
                null,
                SeedNotices.OPENED,
                null,
                null,
                null,
                null,
                null);

        assertEquals(
                List.of(new RouteMatch("/", "soc-webhook", List.of(), Timings.DEFAULTS, true)),
                Routing.receiversFor(Route.to("soc-webhook"), lowElsewhere));
        assertEquals(
                List.of(new RouteMatch(
                        "/",
                        "soc-webhook",
                        List.of("subscription"),
                        new Timings(MINUTE, Duration.ofMinutes(5), Duration.ofHours(4)),
                        true)),
                Routing.receiversFor(ROOT, lowElsewhere));
    }

    @Test
    void withoutContinueTheFirstMatchingSiblingWins() {
        Route root = Route.to("soc-webhook")
                .withRoutes(
                        Route.to("soc-teams", Matcher.parse("severity=High")),
                        Route.to("dev-slack", Matcher.parse("subscription=" + SeedNotices.DEV)));

        assertEquals(
                List.of("soc-teams"),
                Routing.receiversFor(root, devTest03AmaDown()).stream()
                        .map(RouteMatch::receiver)
                        .toList());
    }

    @Test
    void aRouteOnAnUnknownFieldIsInvalidRouting() {
        assertThrows(InvalidRouting.class, () -> Route.to("dev-slack", Matcher.parse("resourceGroup=dev-rg")));
        assertThrows(InvalidRouting.class, () -> Route.to("dev-slack").withGroupBy("resourceGroup"));
        assertThrows(InvalidRouting.class, () -> Route.to("dev-slack").withGroupBy("...", "rule"));
    }

    @Test
    void aRootThatCannotTakeEveryNoticeIsInvalidRouting() {
        assertThrows(
                InvalidRouting.class, () -> Routing.validate(Route.to("soc-webhook", Matcher.parse("severity=High"))));
        assertThrows(InvalidRouting.class, () -> Routing.validate(Route.to(null)));
        assertThrows(
                InvalidRouting.class,
                () -> Routing.validate(Route.to("soc-webhook").continuing()));
        assertThrows(InvalidRouting.class, () -> Route.to(" "));
        assertThrows(InvalidRouting.class, () -> Route.to("soc-webhook").withTimings(null, Duration.ZERO, null));
        assertThrows(
                InvalidRouting.class, () -> Route.to("soc-webhook").withTimings(Duration.ofSeconds(-1), null, null));
    }

    @Test
    void aRouteIsFoundAgainByItsPathWithItsAncestorsSettings() {
        RouteMatch dba =
                Routing.receiversFor(ROOT, analyticsDbNeedsDefenderForSql()).get(0);

        assertEquals(java.util.Optional.of(dba), Routing.routeAt(ROOT, "/1/0"));
        assertEquals(
                java.util.Optional.of(new RouteMatch(
                        "/",
                        "soc-webhook",
                        List.of("subscription"),
                        new Timings(MINUTE, Duration.ofMinutes(5), Duration.ofHours(4)),
                        true)),
                Routing.routeAt(ROOT, "/"));
        assertEquals(java.util.Optional.empty(), Routing.routeAt(ROOT, "/3"), "the tree was replaced since");
        assertEquals(java.util.Optional.empty(), Routing.routeAt(ROOT, "/1/x"));
    }
}
