package io.coverwatch.notification.channel;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.notification.testing.CapturedLogs;
import io.coverwatch.notification.testing.ChannelsApi;
import io.coverwatch.notification.testing.SeedFindings;
import io.coverwatch.notification.testing.WebhookReceiver;
import io.coverwatch.notification.testing.WebhookReceiver.Answer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ChannelStore over REST: the SSRF allowlist, and a webhook URL that never shows in a response or a log line. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ChannelStoreTest {

    LocalTokenIssuer issuer;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ChannelStore stored;

    private final ChannelsApi channels = new ChannelsApi();
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        SignedIn.as(issuer, "soc-admin", Roles.READER, Roles.OPERATOR, Roles.ADMIN);
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stop() {
        channels.deleteAll();
        receiver.close();
        SignedIn.out();
    }

    @Test
    void aWebhookOffTheAllowlistOrNotHttpsOrMalformedIsRefused() {
        Map<String, String> refusals = Map.of(
                "https://metadata.internal.example/services/T0/B0/x",
                        "Host 'metadata.internal.example' is not on the webhook allowlist",
                "http://169.254.169.254/latest/meta-data", "Host '169.254.169.254' is not on the webhook allowlist",
                "http://hooks.slack.com/services/T0/B0/x", "The webhook URL must use https",
                "https://hooks.slack.com@evil.example.com/services/x", "The webhook URL must not carry user info",
                "hooks.slack.com/services/T0/B0/x", "The webhook URL must be an absolute https URL",
                "https://hooks slack com/x", "The webhook URL is not a valid URL");
        refusals.forEach((url, detail) -> given().contentType(ContentType.JSON)
                .body(Map.of("name", "soc-slack-refused", "kind", "slack", "url", url))
                .post("/api/channels")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Invalid channel"))
                .body("detail", equalTo(detail)));
        given().get("/api/channels").then().body("findAll { it.name == 'soc-slack-refused' }.size()", equalTo(0));
    }

    @Test
    void aGenericWebhookNeedsASigningSecretAndSlackTakesNone() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", "soc-webhook-unsigned", "kind", "webhook", "url", receiver.url("/hooks/x")))
                .post("/api/channels")
                .then()
                .statusCode(400)
                .body("detail", equalTo("A generic webhook needs a signing secret"));
        given().contentType(ContentType.JSON)
                .body(Map.of(
                        "name", "soc-slack-signed",
                        "kind", "slack",
                        "url", receiver.url("/services/T0/B0/x"),
                        "signingSecret", "a-signing-secret-of-32-characters"))
                .post("/api/channels")
                .then()
                .statusCode(400);
    }

    @Test
    void theWebhookUrlNeverShowsInResponsesOrLogs() throws Exception {
        String secretPath = "/services/T0LEAKS/B0LEAKS/l34k-s3cr3t-t0k3n";
        List<String> responses = new ArrayList<>();
        try (CapturedLogs logs = CapturedLogs.start();
                KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            // A timeout (the receiver answers after the send timeout), then a refusal that echoes the URL back.
            receiver.thenAnswer(
                    Answer.slow(Duration.ofSeconds(3)),
                    Answer.status(404, "no_service: " + receiver.url(secretPath) + " is gone"));
            String id = channels.create("soc-slack-secret", "slack", receiver.url(secretPath), null);
            String atRest = QuarkusTransaction.requiringNew()
                    .call(() -> ChannelRecord.<ChannelRecord>findById(UUID.fromString(id)).url);
            assertTrue(atRest.startsWith("sealed:v1:local:"), "sealed with the configured key");
            assertFalse(atRest.contains("l34k-s3cr3t") || atRest.contains("T0LEAKS") || atRest.contains("127.0.0.1"));

            String created = given().get("/api/channels/" + id)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            responses.add(created);
            assertTrue(created.contains("/services/T0…/…/****"), created);
            responses.add(given().get("/api/channels").then().extract().asString());
            responses.add(given().contentType(ContentType.JSON)
                    .body(Map.of("name", "soc-slack-secret", "kind", "slack", "ratePerSecond", 0.5))
                    .put("/api/channels/" + id)
                    .then()
                    .statusCode(200)
                    .body("ratePerSecond", equalTo(0.5f))
                    .extract()
                    .asString());
            responses.add(given().contentType(ContentType.JSON)
                    .body(Map.of(
                            "name",
                            "soc-slack-secret",
                            "kind",
                            "teams",
                            "url",
                            "https://evil.example.com" + secretPath))
                    .put("/api/channels/" + id)
                    .then()
                    .statusCode(400)
                    .extract()
                    .asString());

            kafka.send(SeedFindings.opened(SeedFindings.amaDown("prod-web-01"), null));
            String parked = await().atMost(TIMEOUT)
                    .until(
                            () -> given().get("/api/deliveries?status=parked&channel=" + id)
                                    .then()
                                    .extract()
                                    .asString(),
                            body -> body.contains("no_service"));
            responses.add(parked);
            responses.add(given().get("/api/deliveries?channel=" + id)
                    .then()
                    .extract()
                    .asString());
            responses.add(given().get("/api/audit")
                    .then()
                    .body("find { it.target.contains('" + id + "') }.action", equalTo("CHANNEL_UPDATED"))
                    .body("find { it.target.contains('" + id + "') }.by.subject", equalTo("soc-admin"))
                    .extract()
                    .asString());

            assertEquals(2, receiver.received().size(), "timed out once, refused once");
            String log = logs.all();
            assertTrue(log.contains("soc-slack-secret parked"), "the capture sees the sender's log lines");
            assertTrue(log.contains("TimeoutException") || log.contains("timeout"), "the timeout was logged");
            assertFalse(log.contains("l34k-s3cr3t"), log);
            assertFalse(log.contains("T0LEAKS"), log);
        }
        for (String response : responses) {
            assertFalse(response.contains("l34k-s3cr3t"), response);
            assertFalse(response.contains("T0LEAKS"), response);
        }
    }

    @Test
    void aChannelStoredBeforeSealingIsSealedAndStillReachesItsWebhook() {
        String url = receiver.url("/services/T0OLD/B0OLD/b3f0r3-s34l1ng");
        UUID id = QuarkusTransaction.requiringNew().call(() -> {
            ChannelRecord old = new ChannelRecord();
            old.id = UUID.randomUUID();
            old.name = "soc-webhook-from-before";
            old.kind = ChannelKind.WEBHOOK;
            old.url = url;
            old.signingSecret = "a-signing-secret-of-32-characters";
            old.ratePerSecond = 1;
            old.createdAt = Instant.now();
            old.updatedAt = old.createdAt;
            old.persist();
            return old.id;
        });
        try {
            assertTrue(QuarkusTransaction.requiringNew().call(stored::reseal) >= 1);
            QuarkusTransaction.requiringNew().run(() -> {
                ChannelRecord sealed = ChannelRecord.findById(id);
                assertTrue(sealed.url.startsWith("sealed:v1:local:"), "the URL is sealed");
                assertTrue(sealed.signingSecret.startsWith("sealed:v1:local:"), "the signing secret is sealed");
                assertEquals(url, stored.url(sealed).secret());
                assertEquals("a-signing-secret-of-32-characters", stored.signingSecret(sealed));
            });
            assertEquals(0, QuarkusTransaction.requiringNew().call(stored::reseal), "nothing left to seal");
        } finally {
            QuarkusTransaction.requiringNew().run(() -> ChannelRecord.deleteById(id));
        }
    }
}
