package io.coverwatch.notification.selftest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.notification.testing.CapturedLogs;
import io.coverwatch.notification.testing.ChannelsApi;
import io.coverwatch.notification.testing.WebhookReceiver;
import io.coverwatch.notification.testing.WebhookReceiver.Answer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pipeline self-test: a canary reaches each channel, and one that does not raises the alarm. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class TestAlertTest {

    LocalTokenIssuer issuer;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    TestAlerts testAlerts;

    @Inject
    Clock clock;

    private final ChannelsApi channels = new ChannelsApi();
    private WebhookReceiver slack;
    private WebhookReceiver teams;

    @BeforeEach
    void start() throws Exception {
        SignedIn.as(issuer, "soc-admin", Roles.READER, Roles.OPERATOR, Roles.ADMIN);
        slack = WebhookReceiver.start();
        teams = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        channels.deleteAll();
        slack.close();
        teams.close();
        SignedIn.out();
    }

    @Test
    void theCanaryReachesEveryChannelAndSaysWhen() {
        channels.create("soc-slack-canary", "slack", slack.url("/services/T0CAN/B0CAN/c4n"), null);
        channels.create("soc-teams-canary", "teams", teams.url("/workflows/c4n/triggers/manual"), null);

        io.restassured.response.Response sent = given().post("/api/test-alert");
        sent.then().statusCode(202).body("reachedEveryChannel", equalTo(false));
        String id = sent.path("id");
        assertTrue(sent.header("Location").endsWith("/api/test-alert/" + id));

        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/test-alert/" + id)
                .then()
                .body("reachedEveryChannel", equalTo(true))
                .body("channels.size()", equalTo(2))
                .body("channels.find { it.channelName == 'soc-slack-canary' }.deliveredAt", notNullValue())
                .body("channels.find { it.channelName == 'soc-teams-canary' }.deliveredAt", notNullValue()));
        assertEquals(1, slack.accepted().size());
        assertEquals(1, teams.accepted().size());
        assertTrue(slack.accepted().get(0).body().contains("CW-TEST-ALERT"));
    }

    @Test
    void aCanaryThatMissesTheDeadlineRaisesTheAlarmOnce() {
        channels.create("soc-slack-canary-ok", "slack", slack.url("/services/T0CAN/B0CAN/ok"), null);
        channels.create("soc-teams-canary-down", "teams", teams.url("/workflows/d0wn/triggers/manual"), null);
        teams.answerFromNowOn(Answer.status(503));
        String id =
                given().post("/api/test-alert").then().statusCode(202).extract().path("id");
        await().atMost(TIMEOUT)
                .until(() -> slack.accepted().size() == 1 && teams.received().size() >= 2);

        try (CapturedLogs logs = CapturedLogs.start()) {
            int missed = QuarkusTransaction.requiringNew()
                    .call(() -> testAlerts.judgeOverdue(clock.instant().plus(Duration.ofMinutes(1))));
            int again = QuarkusTransaction.requiringNew()
                    .call(() -> testAlerts.judgeOverdue(clock.instant().plus(Duration.ofMinutes(2))));
            assertTrue(missed >= 1);
            assertEquals(0, again, "each test alert is judged once");
            String log = logs.all();
            assertTrue(
                    log.contains(
                            "ALARM: test alert " + id + " did not reach channel soc-teams-canary-down within PT5S"),
                    log);
            assertTrue(!log.contains("test alert " + id + " did not reach channel soc-slack-canary-ok"), log);
        }
    }
}
