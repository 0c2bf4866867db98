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
        return new AzureResource(
                DEV_SUBSCRIPTION + "/resourceGroups/dev-rg/providers/Microsoft.Compute/"
                        + "virtualMachines/dev-test-03",
                AzureResource.VIRTUAL_MACHINE_TYPE,
                "dev-test-03",
                DEV_SUBSCRIPTION_ID,
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
