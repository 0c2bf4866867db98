package io.coverwatch.notification.delivery;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.notification.message.webhook.SignedWebhook;
import io.coverwatch.notification.testing.ChannelsApi;
import io.coverwatch.notification.testing.SeedFindings;
import io.coverwatch.notification.testing.WebhookReceiver;
import io.coverwatch.notification.testing.WebhookReceiver.Answer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Findings from the real broker to a real local HTTP receiver standing for Slack and Teams, through the default route
 * (every channel, grouped by subscription and rule, after the test's short group_wait) and the delivery log in the real
 * database: 429 with Retry-After, a receiver that is down for a while, refusals parked and re-driven. Each test's
 * findings are in a subscription of their own, so its groups are its own.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DeliveryTest {

    LocalTokenIssuer issuer;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final ChannelsApi channels = new ChannelsApi();
    private final String subscription = SeedFindings.freshSubscription();
    private WebhookReceiver receiver;
    private KafkaProbe kafka;

    @BeforeEach
    void start() throws Exception {
        SignedIn.as(issuer, "soc-admin", Roles.READER, Roles.OPERATOR, Roles.ADMIN);
        receiver = WebhookReceiver.start();
        kafka = new KafkaProbe(bootstrapServers);
    }

    @AfterEach
    void stop() {
        channels.deleteAll();
        receiver.close();
        kafka.close();
        SignedIn.out();
    }

    @Test
    void a429WaitsForRetryAfterThenSendsTheSameMessageOnce() throws Exception {
        receiver.thenAnswer(Answer.retryAfter("2"));
        String slack = channels.create("soc-slack", "slack", receiver.url("/services/T0RATE/B0RATE/r4te"), null);

        kafka.send(SeedFindings.opened(SeedFindings.amaDown(subscription, "prod-web-01"), null));

        JsonPath delivered = awaitDeliveries(slack, "DELIVERED", 1);
        List<WebhookReceiver.Received> requests = receiver.received();
        assertEquals(2, requests.size(), "one refused with 429, one accepted");
        Duration waited = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(waited.compareTo(Duration.ofSeconds(2)) >= 0, "the retry came after " + waited + ", not 2 s");
        assertEquals(requests.get(0).body(), requests.get(1).body(), "the same message went again");
        assertTrue(requests.get(1).body().contains("prod-web-01"));
        assertEquals(2, delivered.getInt("[0].attempts"));
        assertEquals(200, delivered.getInt("[0].lastHttpStatus"));
        Thread.sleep(500);
        assertEquals(2, receiver.received().size(), "nothing more after delivery");
    }

    @Test
    void aReceiverDownForAWhileGetsEveryMessageExactlyOnceWhenItIsBack() throws Exception {
        receiver.answerFromNowOn(Answer.status(503, "Service Unavailable"));
        String teams = channels.create("soc-teams", "teams", receiver.url("/workflows/d0wn/triggers/manual"), null);
        List<String> machines = List.of("prod-web-01", "prod-db-01", "analytics-db", "dev-test-03", "prod-jump-01");
        for (String machine : machines) {
            kafka.send(SeedFindings.opened(SeedFindings.amaDown(subscription, machine), null));
        }

        await().atMost(TIMEOUT).until(() -> receiver.received().size() >= 3);
        receiver.answerFromNowOn(Answer.status(202));

        // one group: its first message, and a second if a finding came after the group_wait
        JsonPath delivered = await().atMost(TIMEOUT)
                .until(
                        () -> given().get("/api/deliveries?channel=" + teams)
                                .then()
                                .extract()
                                .jsonPath(),
                        all -> !all.getList("$").isEmpty()
                                && all.getList("status").stream().allMatch("DELIVERED"::equals)
                                && machines.stream().allMatch(machine -> receiver.accepted().stream()
                                        .anyMatch(request -> request.body().contains(machine))));
        Thread.sleep(500);
        List<String> accepted =
                receiver.accepted().stream().map(WebhookReceiver.Received::body).toList();
        assertEquals(delivered.getList("$").size(), accepted.size(), "each message delivered once");
        assertEquals(accepted.size(), Set.copyOf(accepted).size(), "no message accepted twice");
        given().get("/api/deliveries?status=parked&channel=" + teams).then().body("$", hasSize(0));
    }

    @Test
    void aRefusedMessageIsParkedWithTheReasonAndReDrivenAsItWas() throws Exception {
        receiver.thenAnswer(Answer.status(400, "invalid_payload"));
        String slack = channels.create("soc-slack-parked", "slack", receiver.url("/services/T0PARK/B0PARK/p4rk"), null);

        kafka.send(SeedFindings.opened(SeedFindings.amaDown(subscription, "dev-test-03"), null));

        JsonPath parked = awaitDeliveries(slack, "PARKED", 1);
        assertEquals(1, parked.getInt("[0].attempts"), "a 400 is not tried again");
        assertEquals(400, parked.getInt("[0].lastHttpStatus"));
        assertEquals("HTTP 400: invalid_payload", parked.getString("[0].lastError"));
        assertEquals("soc-slack-parked", parked.getString("[0].channelName"));
        long id = parked.getLong("[0].id");
        given().get("/api/deliveries?status=parked&channel=" + slack).then().body("id", equalTo(List.of((int) id)));

        given().post("/api/deliveries/" + id + "/redrive")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"));

        awaitDeliveries(slack, "DELIVERED", 1);
        List<WebhookReceiver.Received> requests = receiver.received();
        assertEquals(2, requests.size());
        assertEquals(requests.get(0).body(), requests.get(1).body(), "a re-drive sends the stored message");
        given().post("/api/deliveries/" + id + "/redrive")
                .then()
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("only parked deliveries are re-driven"));
    }

    @Test
    void afterTheLastAttemptAMessageIsParkedNotDropped() throws Exception {
        receiver.answerFromNowOn(Answer.status(500, "Internal Server Error"));
        String hook = channels.create(
                "soc-webhook", "webhook", receiver.url("/hooks/g1ve-up"), "a-signing-secret-of-32-characters");

        kafka.send(SeedFindings.opened(SeedFindings.amaDown(subscription, "analytics-db"), null));

        JsonPath parked = awaitDeliveries(hook, "PARKED", 1);
        assertEquals(8, parked.getInt("[0].attempts"));
        assertEquals("gave up after 8 attempts: HTTP 500: Internal Server Error", parked.getString("[0].lastError"));
        assertEquals(8, receiver.received().size());
    }

    @Test
    void aGenericWebhookIsSignedOverTimestampAndBody() throws Exception {
        String hook = channels.create(
                "soc-webhook-signed", "webhook", receiver.url("/hooks/s1gned"), "a-signing-secret-of-32-characters");
        Finding finding = SeedFindings.amaDown(subscription, "prod-db-01");

        kafka.send(SeedFindings.opened(finding, null));

        JsonPath delivered = awaitDeliveries(hook, "DELIVERED", 1);
        WebhookReceiver.Received request = receiver.received().get(0);
        assertTrue(new SignedWebhook("a-signing-secret-of-32-characters")
                .verify(
                        request.body(),
                        request.headers().get("x-coverwatch-timestamp"),
                        request.headers().get("x-coverwatch-signature"),
                        Instant.now()));
        assertEquals(delivered.getString("[0].id"), request.headers().get("x-coverwatch-delivery"));
        assertTrue(request.body().contains(finding.findingId()));
    }

    private static JsonPath awaitDeliveries(String channelId, String status, int count) {
        return await().atMost(TIMEOUT)
                .until(
                        () -> given().get("/api/deliveries?status=" + status.toLowerCase() + "&channel=" + channelId)
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        json -> json.getList("$").size() == count);
    }
}
