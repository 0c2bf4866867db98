package io.coverwatch.notification.dispatch;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.webhook.Payload;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.Topics;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.notification.message.slack.SlackPayloads;
import io.coverwatch.notification.testing.ChannelsApi;
import io.coverwatch.notification.testing.RoutesApi;
import io.coverwatch.notification.testing.SeedFindings;
import io.coverwatch.notification.testing.WebhookReceiver;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing, grouping, repeats, resolved notices, silences and inhibition, end to end: findings from the real broker,
 * groups in the real database, Block Kit messages to a local receiver standing for Slack. The test profile's group_wait
 * and group_interval are 1 s; each test's findings are in a subscription of their own (standing for dev-subscription),
 * so its groups are its own.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class GroupingTest {

    LocalTokenIssuer issuer;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Longer than group_wait or group_interval plus a tick: what has not come by then is not coming. */
    private static final Duration QUIET = Duration.ofSeconds(4);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    GroupTicker ticker;

    private final ChannelsApi channels = new ChannelsApi();
    private final RoutesApi routes = new RoutesApi();
    private final String devSubscription = SeedFindings.freshSubscription();
    private WebhookReceiver slack;
    private KafkaProbe kafka;

    @BeforeEach
    void start() throws Exception {
        SignedIn.as(issuer, "soc-admin", Roles.READER, Roles.OPERATOR, Roles.ADMIN);
        slack = WebhookReceiver.start();
        kafka = new KafkaProbe(bootstrapServers);
        channels.create("soc-slack", "slack", slack.url("/services/T0GRP/B0GRP/gr0up"), null);
    }

    @AfterEach
    void stop() {
        routes.reset();
        channels.deleteAll();
        slack.close();
        kafka.close();
        SignedIn.out();
    }

    @Test
    void devSubscriptionsFindingsGoOutAsOneBlockKitMessageAfterGroupWait() throws Exception {
        // group_wait 3 s: both findings must have joined before it runs out, and the group is flushed the moment it
        // does (no tick's slack), while a fresh service may take a second over its first event.
        routes.put("{\"route\": {\"receiver\": \"*\", \"group_by\": [\"subscription\"], \"group_wait\": \"3s\"}}");
        Instant sent = Instant.now();
        kafka.send(SeedFindings.opened(SeedFindings.defenderForServersOff(devSubscription), null));
        kafka.send(SeedFindings.opened(SeedFindings.amaDown(devSubscription, "dev-test-03"), null));

        await().atMost(TIMEOUT).until(() -> !slack.accepted().isEmpty());
        Thread.sleep(QUIET.toMillis());

        assertEquals(1, slack.accepted().size(), "one message for the group");
        WebhookReceiver.Received message = slack.accepted().get(0);
        assertTrue(
                !message.at().isBefore(sent.plusSeconds(3)),
                "sent after group_wait: " + Duration.between(sent, message.at()));
        Payload payload = SlackPayloads.readWithinLimits(message.body());
        assertEquals("Coverwatch: 2 firing", SlackPayloads.header(payload));
        String text = String.join("\n", SlackPayloads.mrkdwnTexts(payload));
        assertTrue(text.contains("subscription: " + devSubscription), text);
        assertTrue(text.contains("Defender for Servers should be enabled"), text);
        assertTrue(text.contains("dev-test-03"), text);
    }

    @Test
    void anUnchangedGroupIsToldAgainAfterRepeatInterval() throws Exception {
        routes.put(devSubscriptionRoute("\"repeat_interval\": \"3s\""));
        kafka.send(SeedFindings.opened(SeedFindings.amaDown(devSubscription, "dev-test-03"), null));

        await().atMost(TIMEOUT).until(() -> slack.accepted().size() == 2);

        List<WebhookReceiver.Received> messages = slack.accepted();
        Duration between =
                Duration.between(messages.get(0).at(), messages.get(1).at());
        assertTrue(between.compareTo(Duration.ofMillis(2500)) >= 0, "repeated after " + between);
        assertEquals(messages.get(0).body(), messages.get(1).body(), "the same group, told again");
        List<String> keys = given().get(
                        "/api/deliveries?channel=" + channels.ids().get(0))
                .then()
                .extract()
                .jsonPath()
                .getList("deliveryKey");
        assertEquals(2, keys.size());
        assertNotEquals(keys.get(0), keys.get(1), "a repeat is a message of its own in the log");
    }

    @Test
    void aResolvedFindingIsToldResolvedOnceThenItsGroupIsDone() throws Exception {
        Finding amaDown = SeedFindings.amaDown(devSubscription, "dev-test-03");
        kafka.send(SeedFindings.opened(amaDown, null));
        await().atMost(TIMEOUT).until(() -> slack.accepted().size() == 1);

        kafka.send(SeedFindings.resolved(amaDown));
        await().atMost(TIMEOUT).until(() -> slack.accepted().size() == 2);
        Thread.sleep(QUIET.toMillis());

        assertEquals(2, slack.accepted().size(), "nothing after the resolved message");
        Payload resolved =
                SlackPayloads.readWithinLimits(slack.accepted().get(1).body());
        assertEquals("Coverwatch: 1 resolved", SlackPayloads.header(resolved));
        String text = String.join("\n", SlackPayloads.mrkdwnTexts(resolved));
        assertTrue(text.contains("Resolved") && text.contains("dev-test-03"), text);
        assertEquals(0L, groupsOf(devSubscription, ""), "a group with nothing left to tell is dropped");
    }

    @Test
    void aSilenceStopsANoticeAndItsExpiryBringsItBack() throws Exception {
        String silence = given().contentType(ContentType.JSON)
                .body(Map.of(
                        "matchers",
                        List.of("subscription=\"" + devSubscription + "\"", "rule=CW-AGENT-AMA-DOWN"),
                        "comment",
                        "dev-test-03 is being rebuilt",
                        "endsAt",
                        Instant.now().plus(Duration.ofHours(1)).toString()))
                .post("/api/silences")
                .then()
                .statusCode(201)
                .body("state", equalTo("active"))
                .body("createdBy.subject", equalTo("soc-admin"))
                .extract()
                .path("id");

        kafka.send(SeedFindings.opened(SeedFindings.amaDown(devSubscription, "dev-test-03"), null));
        kafka.awaitCaughtUp("notification-service", Topics.FINDINGS, TIMEOUT);
        Thread.sleep(QUIET.toMillis());
        assertEquals(List.of(), slack.received(), "silenced");

        SignedIn.as(issuer, "soc-oncall", Roles.READER, Roles.OPERATOR);
        given().delete("/api/silences/" + silence)
                .then()
                .statusCode(200)
                .body("state", equalTo("expired"))
                .body("createdBy.subject", equalTo("soc-admin"))
                .body("expiredBy.subject", equalTo("soc-oncall"));
        given().get("/api/audit")
                .then()
                .body("find { it.target == 'silence " + silence + "' }.action", equalTo("SILENCE_EXPIRED"))
                .body("find { it.target == 'silence " + silence + "' }.by.subject", equalTo("soc-oncall"));
        SignedIn.as(issuer, "soc-admin", Roles.READER, Roles.OPERATOR, Roles.ADMIN);

        await().atMost(TIMEOUT).until(() -> slack.accepted().size() == 1);
        assertTrue(slack.accepted().get(0).body().contains("dev-test-03"));
    }

    @Test
    void devSubscriptionWithoutDefenderForServersInhibitsDevTest03NotMonitoredUntilItResolves() throws Exception {
        Finding defenderOff = SeedFindings.defenderForServersOff(devSubscription);
        kafka.send(SeedFindings.opened(defenderOff, null));
        kafka.send(SeedFindings.opened(SeedFindings.notMonitored(devSubscription, "dev-test-03"), null));

        await().atMost(TIMEOUT).until(() -> slack.accepted().size() == 1);
        Thread.sleep(QUIET.toMillis());
        assertEquals(1, slack.accepted().size(), "only the cause is told");
        assertTrue(slack.accepted().get(0).body().contains("Defender for Servers should be enabled"));

        kafka.send(SeedFindings.resolved(defenderOff));

        await().atMost(TIMEOUT).until(() -> slack.accepted().stream()
                .anyMatch(message -> message.body().contains("Machine is not monitored")));
    }

    @Test
    void devTestMachinesNotMonitoredBeforeTheirSubscriptionsPlanFindingReachNoChannelNorDoTheirRemediations()
            throws Exception {
        // grouped by rule too, as the SOC saw "3 firing — CW-MON-NOT-MONITORED": the machines' group is not the cause's
        // group_wait long enough that the cause, sent last, surely arrives within it however busy the machine is
        routes.put(devSubscriptionRoute("\"group_by\": [\"subscription\", \"rule\"], \"group_wait\": \"10s\""));
        for (String machine : List.of("dev-test-01", "dev-test-02", "dev-test-03")) {
            Finding notMonitored = SeedFindings.notMonitored(devSubscription, machine);
            kafka.send(SeedFindings.opened(notMonitored, null));
            kafka.send(SeedFindings.remediationPlanned(
                    notMonitored, "enable-defender-plan", "Enable Defender for Servers Plan 2 on the subscription"));
        }
        // the machines' group stands before the cause arrives
        await().atMost(TIMEOUT).until(() -> groupsOf(devSubscription, "CW-MON-NOT-MONITORED") == 1L);
        kafka.send(SeedFindings.opened(SeedFindings.defenderForServersOff(devSubscription), null));

        await().atMost(TIMEOUT).until(() -> !mine().isEmpty());
        Thread.sleep(QUIET.toMillis());

        assertEquals(1, mine().size(), "only the cause is told: " + mine());
        String body = mine().get(0).body();
        assertTrue(body.contains("Defender for Servers should be enabled"), body);
        assertFalse(body.contains("Machine is not monitored"), body);
        assertFalse(body.contains("Remediation planned"), body);
    }

    @Test
    void aFindingTurningExcludedIsToldResolvedOnceSayingWhyAndStopsFiring() throws Exception {
        routes.put(devSubscriptionRoute("\"repeat_interval\": \"3s\""));
        Finding amaDown = SeedFindings.amaDown(devSubscription, "dev-test-03");
        kafka.send(SeedFindings.opened(amaDown, null));
        await().atMost(TIMEOUT).until(() -> mine().size() == 1);

        kafka.send(SeedFindings.excluded(amaDown, "exempted by soc-admin: dev-test-03 is being rebuilt"));
        await().atMost(TIMEOUT).until(() -> mine().size() == 2);
        // longer than repeat_interval: an excluded finding is not told again
        Thread.sleep(QUIET.toMillis() + 2_000);

        assertEquals(2, mine().size(), "nothing after the resolved message");
        Payload resolved = SlackPayloads.readWithinLimits(mine().get(1).body());
        assertEquals("Coverwatch: 1 resolved", SlackPayloads.header(resolved));
        String text = String.join("\n", SlackPayloads.mrkdwnTexts(resolved));
        assertTrue(text.contains("excluded: exempted by soc-admin: dev-test-03 is being rebuilt"), text);
        assertEquals(Boolean.FALSE, firingInCurrentNotice(amaDown.findingId()));
        given().get("/api/alerts/" + amaDown.findingId()).then().statusCode(200).body("state", equalTo("RESOLVED"));
    }

    @Test
    void aMessageNamesTheSubscriptionAsInventoryToldIt() throws Exception {
        kafka.send(SeedFindings.subscriptionNamed(devSubscription, "dev-subscription"));
        kafka.awaitCaughtUp("notification-service", Topics.RESOURCES, TIMEOUT);
        kafka.send(SeedFindings.opened(SeedFindings.amaDown(devSubscription, "dev-test-03"), null));

        await().atMost(TIMEOUT).until(() -> mine().size() == 1);

        String text = String.join(
                "\n",
                SlackPayloads.mrkdwnTexts(
                        SlackPayloads.readWithinLimits(mine().get(0).body())));
        assertTrue(text.contains("*Subscription:* dev-subscription"), text);
        assertTrue(text.contains("· subscription " + devSubscription), "the ID in the context line: " + text);
    }

    @Test
    void aRouteOnAnUnknownLabelOrToAnUnknownChannelIsRefused() {
        badRoutes("{\"route\": {\"receiver\": \"*\", \"routes\": [{\"matchers\": [\"owner=\\\"soc\\\"\"]}]}}")
                .body("detail", containsString("unknown label 'owner'"));
        badRoutes("{\"route\": {\"receiver\": \"dba-slack\"}}").body("detail", containsString("'dba-slack'"));
        badRoutes("{\"route\": {\"receiver\": \"*\", \"match\": {\"severity\": \"High\"}}}")
                .body("detail", containsString("match"));
        given().get("/api/routes").then().statusCode(200).body("route.receiver", equalTo("*"));
    }

    @Test
    void aSilenceExpiringInThePastIsRefused() {
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "matchers",
                        List.of("rule=CW-MON-NOT-MONITORED"),
                        "comment",
                        "too late",
                        "startsAt",
                        Instant.now().minus(Duration.ofHours(2)).toString(),
                        "endsAt",
                        Instant.now().minus(Duration.ofHours(1)).toString()))
                .post("/api/silences")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("in the past"));
    }

    @Test
    void twoInstancesTickingTheSameGroupThenARestartSendItOnce() throws Exception {
        // group_wait of an hour: the scheduled tick leaves the group alone, the test's ticks come "an hour later"
        routes.put(devSubscriptionRoute("\"group_wait\": \"1h\""));
        kafka.send(SeedFindings.opened(SeedFindings.amaDown(devSubscription, "dev-test-03"), null));
        kafka.awaitCaughtUp("notification-service", Topics.FINDINGS, TIMEOUT);
        Instant anHourLater = Instant.now().plus(Duration.ofHours(1)).plusSeconds(5);

        CountDownLatch together = new CountDownLatch(1);
        List<CompletableFuture<Integer>> instances = List.of(1, 2).stream()
                .map(instance -> CompletableFuture.supplyAsync(() -> {
                    waitFor(together);
                    ticker.flushDue(anHourLater);
                    return instance;
                }))
                .toList();
        together.countDown();
        instances.forEach(CompletableFuture::join);
        // after a restart; like the scheduled tick, each takes batches until none is due, so the groups other tests
        // left waking within the hour (more than a batch in a full run) do not hide this one
        ticker.flushDue(anHourLater);

        await().atMost(TIMEOUT).until(() -> mine().size() == 1);
        Thread.sleep(QUIET.toMillis());
        assertEquals(1, mine().size(), "sent once");
        assertEquals(1L, groupsOf(devSubscription, "\"sequence\":1"), "the group stored its one message");
        given().get("/api/deliveries?channel=" + channels.ids().get(0))
                .then()
                .body("size()", equalTo(1))
                .body("[0].status", equalTo("DELIVERED"));
    }

    /** This test's messages: the ones naming its subscription. */
    private List<WebhookReceiver.Received> mine() {
        return slack.accepted().stream()
                .filter(message -> message.body().contains(devSubscription))
                .toList();
    }

    private String devSubscriptionRoute(String settings) {
        return "{\"route\": {\"receiver\": \"*\", \"routes\": [{\"matchers\": [\"subscription=\\\"" + devSubscription
                + "\\\"\"], \"receiver\": \"soc-slack\", \"group_by\": [\"subscription\"], " + settings + "}]}}";
    }

    private static io.restassured.response.ValidatableResponse badRoutes(String document) {
        return given().contentType(ContentType.JSON)
                .body(document)
                .put("/api/routes")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    /** How many stored groups hold the subscription's notices and, in their state's or their notices' JSON, {@code text}. */
    private static long groupsOf(String subscription, String text) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (Long) io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                        .createNativeQuery(
                                "select count(*) from (select g.state || coalesce(string_agg(m.notice, ''), '') as doc"
                                        + " from notice_group g left join notice_group_member m"
                                        + " using (route_path, group_id) group by g.route_path, g.group_id, g.state)"
                                        + " as stored where doc like :subscription and strpos(doc, :text) > 0",
                                Long.class)
                        .setParameter("subscription", "%" + subscription + "%")
                        .setParameter("text", text)
                        .getSingleResult());
    }

    private static Boolean firingInCurrentNotice(String findingId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (Boolean) io.quarkus.hibernate.orm.panache.Panache.getEntityManager()
                        .createNativeQuery("select firing from current_notice where notice_key = :key")
                        .setParameter("key", findingId)
                        .getSingleResult());
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
