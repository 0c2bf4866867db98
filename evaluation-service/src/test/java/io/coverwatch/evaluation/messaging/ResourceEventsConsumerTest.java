package io.coverwatch.evaluation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.contracts.cloudevents.EncodedEvent;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** evaluation-service over the real broker and database: idempotent on redelivery, dead-letters what it can't read. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ResourceEventsConsumerTest {

    private static final String DEV_SUBSCRIPTION_ID = "22222222-2222-2222-2222-222222222222";
    private static final String DEV_SUBSCRIPTION = "/subscriptions/" + DEV_SUBSCRIPTION_ID;
    private static final String POLL_SUBSCRIPTION_ID = "88888888-8888-8888-8888-888888888888";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-analyst", Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static EncodedEvent upserted(AzureResource resource) {
        return CloudEventCodec.encode(new CloudEvent<>(
                UUID.randomUUID().toString(), "/test", Instant.now(), new ResourceUpserted(resource, "hash")));
    }

    private static AzureResource devSubscription(PricingTier serversTier) {
        return new AzureResource(
                DEV_SUBSCRIPTION,
                AzureResource.SUBSCRIPTION_TYPE,
                "dev-subscription",
                DEV_SUBSCRIPTION_ID,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(
                        "dev-subscription", List.of(new DefenderPlan(DefenderPlan.SERVERS, serversTier, null)), false));
    }

    private static AzureResource devTest03() {
        return vm(DEV_SUBSCRIPTION, DEV_SUBSCRIPTION_ID, "dev-test-03");
    }

    private static AzureResource vm(String subscription, String subscriptionId, String name) {
        return new AzureResource(
                subscription + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/" + name,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                name,
                subscriptionId,
                "dev-rg",
                "westeurope",
                Map.of(),
                new VirtualMachineDetails("Linux", "PowerState/running", List.of()));
    }

    private static List<String> eventsOf(KafkaProbe kafka, String findingId) {
        return kafka.readAll(Topics.FINDINGS).stream()
                .filter(record -> record.key().equals(findingId))
                .map(record -> KafkaProbe.header(record, "ce_type").orElseThrow())
                .toList();
    }

    /**
     * Events are handled a poll at a time, in one transaction: one the service cannot store (an ARM ID past the 1,024
     * characters any column holds) fails its poll, and then goes to the dead-letter topic alone while the events sent
     * with it are handled.
     */
    @Test
    void anEventThatCannotBeHandledIsDeadLetteredAloneAndTheRestOfItsPollIsHandled() throws Exception {
        // In a subscription of their own: the other test counts the events of dev-subscription's finding.
        String subscription = "/subscriptions/" + POLL_SUBSCRIPTION_ID;
        AzureResource before = vm(subscription, POLL_SUBSCRIPTION_ID, "poll-before-01");
        AzureResource tooLong = vm(subscription, POLL_SUBSCRIPTION_ID, "poll-" + "x".repeat(1_100));
        AzureResource after = vm(subscription, POLL_SUBSCRIPTION_ID, "poll-after-01");
        EncodedEvent poison = upserted(tooLong);
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.send(upserted(before).producerRecord());
            kafka.send(poison.producerRecord());
            kafka.send(upserted(after).producerRecord());

            String reason = KafkaProbe.header(
                            kafka.awaitRecord(
                                    Topics.deadLetter(Topics.RESOURCES),
                                    record -> record.key().equals(poison.key()),
                                    Duration.ofSeconds(60)),
                            Topics.DEAD_LETTER_REASON_HEADER)
                    .orElseThrow();
            assertTrue(reason.startsWith("handling coverwatch.inventory.resource.upserted " + poison.id()), reason);
        }
        for (AzureResource handled : List.of(before, after)) {
            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/resources" + handled.id() + "/diagnosis")
                    .then()
                    .statusCode(200));
        }
    }

    @Test
    void aRedeliveredEventOpensNothingTwiceAndAnUnreadableOneIsDeadLettered() throws Exception {
        String findingId = Finding.idFor("CW-DEF-SERVERS", DEV_SUBSCRIPTION);
        EncodedEvent vm = upserted(devTest03());
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.send(upserted(devSubscription(PricingTier.FREE)).producerRecord());
            kafka.send(vm.producerRecord());

            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/findings?status=open&rule=CW-DEF-SERVERS")
                    .then()
                    .body("$", hasSize(1))
                    .body("[0].findingId", equalTo(findingId))
                    .body("[0].diagnosis", containsString("the VirtualMachines plan is off")));
            kafka.awaitRecord(Topics.FINDINGS, record -> record.key().equals(findingId), TIMEOUT);

            kafka.send(vm.producerRecord());
            EncodedEvent unreadable = upserted(devTest03());
            kafka.send(new ProducerRecord<>(
                    Topics.RESOURCES,
                    null,
                    unreadable.key(),
                    "{\"resource\": 42}".getBytes(StandardCharsets.UTF_8),
                    unreadable.kafkaHeaders()));
            kafka.awaitCaughtUp("evaluation-service", Topics.RESOURCES, TIMEOUT);

            String reason = KafkaProbe.header(
                            kafka.awaitRecord(
                                    Topics.deadLetter(Topics.RESOURCES),
                                    record -> record.key().equals(unreadable.key()),
                                    TIMEOUT),
                            Topics.DEAD_LETTER_REASON_HEADER)
                    .orElseThrow();
            assertTrue(
                    reason.startsWith(
                            "body of coverwatch.inventory.resource.upserted " + unreadable.id() + " is not readable"),
                    reason);
            assertEquals(1, eventsOf(kafka, findingId).size(), "one finding opened, once");

            kafka.send(upserted(devSubscription(PricingTier.STANDARD)).producerRecord());
            await().atMost(TIMEOUT)
                    .untilAsserted(() ->
                            given().get("/api/findings/" + findingId).then().body("status", equalTo("resolved")));
            assertEquals(
                    List.of("coverwatch.evaluation.finding.opened", "coverwatch.evaluation.finding.resolved"),
                    eventsOf(kafka, findingId));
        }
    }
}
