package io.coverwatch.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.Remediation;
import io.coverwatch.contracts.RemediationAwaitingApproval;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.notification.testing.ChannelsApi;
import io.coverwatch.notification.testing.SeedFindings;
import io.coverwatch.notification.testing.WebhookReceiver;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Remediation events from the real broker become notices in the channels, once per CloudEvent ID: a step joins its
 * finding's group and is told once, next to the finding.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class RemediationEventsConsumerTest {

    LocalTokenIssuer issuer;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    private final ChannelsApi channels = new ChannelsApi();
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
    void awaitingApprovalReachesTheChannelOnceWithWhatApprovingWouldDo() throws Exception {
        String slack =
                channels.create("soc-slack-remediation", "slack", receiver.url("/services/T0REM/B0REM/r3m"), null);
        Finding amaDown = SeedFindings.amaDown(SeedFindings.freshSubscription(), "dev-test-03");
        kafka.send(SeedFindings.opened(amaDown, null));
        await().atMost(TIMEOUT).until(() -> receiver.accepted().size() == 1);

        Remediation reinstall = new Remediation(
                "rem-" + UUID.randomUUID(),
                amaDown.findingId(),
                amaDown.ruleId(),
                "reinstall-ama-extension",
                amaDown.resourceId(),
                amaDown.subscriptionId(),
                false);
        ProducerRecord<String, byte[]> awaiting = CloudEventCodec.encode(new CloudEvent<>(
                        "awaiting-" + reinstall.remediationId(),
                        "/coverwatch/remediation-service/test",
                        Instant.now(),
                        new RemediationAwaitingApproval(
                                reinstall, "Reinstall AzureMonitorWindowsAgent on dev-test-03")))
                .producerRecord();
        kafka.send(awaiting);
        kafka.send(awaiting);
        kafka.awaitCaughtUp("notification-service", Topics.REMEDIATION_EVENTS, TIMEOUT);

        await().atMost(TIMEOUT).until(() -> receiver.accepted().size() == 2);
        String body = receiver.accepted().get(1).body();
        assertTrue(body.contains("Remediation awaiting approval"), body);
        assertTrue(body.contains("Reinstall AzureMonitorWindowsAgent on dev-test-03"), body);
        assertTrue(body.contains("Azure Monitor Agent is not reporting"), "titled after its finding: " + body);
        Thread.sleep(1000);
        assertEquals(2, receiver.accepted().size(), "the re-delivered event sent nothing more");
        assertEquals(
                List.of("DELIVERED", "DELIVERED"),
                given().get("/api/deliveries?channel=" + slack)
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("status"));
    }

    @Test
    void anUnreadableRemediationEventIsDeadLetteredWithTheReason() throws Exception {
        EncodedEvent valid = CloudEventCodec.encode(new CloudEvent<>(
                "unreadable-" + UUID.randomUUID(),
                "/coverwatch/remediation-service/test",
                Instant.now(),
                new RemediationAwaitingApproval(
                        new Remediation("rem-x", "f-x", "CW-X", "x", SeedFindings.machine("prod-db-01"), null, false),
                        "plan")));
        kafka.send(new ProducerRecord<>(
                Topics.REMEDIATION_EVENTS,
                null,
                valid.key(),
                "{not json".getBytes(StandardCharsets.UTF_8),
                valid.kafkaHeaders()));

        ConsumerRecord<String, byte[]> dead = kafka.awaitRecord(
                Topics.deadLetter(Topics.REMEDIATION_EVENTS),
                record -> KafkaProbe.header(record, "ce_id")
                        .filter(valid.id()::equals)
                        .isPresent(),
                TIMEOUT);
        String reason =
                KafkaProbe.header(dead, Topics.DEAD_LETTER_REASON_HEADER).orElseThrow();
        assertTrue(reason.contains("is not readable"), reason);
    }
}
