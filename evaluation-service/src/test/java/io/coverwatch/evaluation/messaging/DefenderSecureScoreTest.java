package io.coverwatch.evaluation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Defender for Cloud's own secure score, read by inventory from Resource Graph (or continuous export), reaches
 * {@code GET /api/score} beside Coverwatch's own figure for the subscription; an older reading delivered late changes
 * nothing.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DefenderSecureScoreTest {

    private static final String SUBSCRIPTION_ID = "44444444-4444-4444-4444-444444444444";
    private static final String SUBSCRIPTION = "/subscriptions/" + SUBSCRIPTION_ID;
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

    @Test
    void defendersOwnScoreIsShownBesideCoverwatchsTheNewestReadingWinning() throws Exception {
        Instant read = Instant.now();
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.send(event(new ResourceUpserted(subscription(), "hash")));
            kafka.send(event(new ResourceUpserted(vm(), "hash")));
            kafka.send(event(score(37, read)));

            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/score?subscription=" + SUBSCRIPTION_ID)
                    .then()
                    .statusCode(200)
                    .body("subscriptions.'" + SUBSCRIPTION_ID + "'.defender.currentPoints", equalTo(37.0f))
                    .body("subscriptions.'" + SUBSCRIPTION_ID + "'.defender.maxPoints", equalTo(58))
                    .body("subscriptions.'" + SUBSCRIPTION_ID + "'.defender.percentage", equalTo(64.0f)));

            kafka.send(event(score(12, read.minusSeconds(3600))));
            kafka.awaitCaughtUp("evaluation-service", Topics.SECURITY, TIMEOUT);

            given().get("/api/score?subscription=" + SUBSCRIPTION_ID)
                    .then()
                    .body("subscriptions.'" + SUBSCRIPTION_ID + "'.defender.currentPoints", equalTo(37.0f))
                    .body("overall.defender", equalTo(null))
                    .body("reckonedAt", notNullValue());
        }
    }

    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> event(CoverwatchEvent data) {
        return CloudEventCodec.encode(new CloudEvent<>(UUID.randomUUID().toString(), "/test", Instant.now(), data))
                .producerRecord();
    }

    private static DefenderSecureScore score(double current, Instant observedAt) {
        return new DefenderSecureScore(
                SUBSCRIPTION,
                SUBSCRIPTION + "/providers/Microsoft.Security/secureScores/ascScore",
                "ASC score",
                current,
                58,
                0.64,
                null,
                observedAt);
    }

    private static AzureResource subscription() {
        return new AzureResource(
                SUBSCRIPTION,
                AzureResource.SUBSCRIPTION_TYPE,
                "score-subscription",
                SUBSCRIPTION_ID,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(
                        "score-subscription",
                        // Servers on: the tests of this app share a database, and a plan finding here would count in
                        // theirs.
                        List.of(new DefenderPlan(DefenderPlan.SERVERS, PricingTier.STANDARD, "P2")),
                        false));
    }

    private static AzureResource vm() {
        return new AzureResource(
                SUBSCRIPTION + "/resourceGroups/score-rg/providers/Microsoft.Compute/virtualMachines/score-vm-01",
                AzureResource.VIRTUAL_MACHINE_TYPE,
                "score-vm-01",
                SUBSCRIPTION_ID,
                "score-rg",
                "westeurope",
                Map.of(),
                new VirtualMachineDetails("Linux", "PowerState/running", List.of()));
    }
}
