package io.coverwatch.evaluation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.coverwatch.localinfra.KafkaBroker;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Kafka client security, as Azure Event Hubs' Kafka endpoint or a managed Kafka needs it: the service is given only
 * the broker's SASL_SSL listener and a SCRAM login through the {@code kafka.*} settings (README: "Kafka client
 * security"), and its consumers, its outbox producer and its readiness check all work through it.
 */
@QuarkusTest
@WithTestResource(value = LocalInfraTestResource.class, initArgs = @ResourceArg(name = "kafka", value = "scram"))
class KafkaScramTest {

    private static final String DEV_SUBSCRIPTION_ID = "22222222-2222-2222-2222-222222222222";
    private static final String DEV_SUBSCRIPTION = "/subscriptions/" + DEV_SUBSCRIPTION_ID;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    LocalTokenIssuer issuer;
    KafkaBroker broker;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Test
    void devTest03InASubscriptionWithoutDefenderForServersOpensAFindingOverScram() throws Exception {
        // Read here, not injected: the other test classes of this module boot without these settings.
        Config config = ConfigProvider.getConfig();
        assertEquals("SASL_SSL", config.getValue("kafka.security.protocol", String.class));
        assertEquals("SCRAM-SHA-512", config.getValue("kafka.sasl.mechanism", String.class));
        given().get(readiness)
                .then()
                .statusCode(200)
                .body("checks.name", hasItem("SmallRye Reactive Messaging - readiness check"));

        String findingId = Finding.idFor("CW-DEF-SERVERS", DEV_SUBSCRIPTION);
        try (KafkaProbe kafka = new KafkaProbe(broker.clientConfig())) {
            kafka.send(upserted(devSubscription()).producerRecord());
            kafka.send(upserted(devTest03()).producerRecord());

            kafka.awaitRecord(Topics.FINDINGS, record -> findingId.equals(record.key()), TIMEOUT);
        }
        await().atMost(TIMEOUT).untilAsserted(() -> given().auth()
                .oauth2(issuer.token("soc-analyst", "SOC analyst", List.of(Roles.READER)))
                .get("/api/findings/" + findingId)
                .then()
                .statusCode(200)
                .body("status", equalTo("open")));
    }

    private static EncodedEvent upserted(AzureResource resource) {
        return CloudEventCodec.encode(new CloudEvent<>(
                UUID.randomUUID().toString(), "/test", Instant.now(), new ResourceUpserted(resource, "hash")));
    }

    private static AzureResource devSubscription() {
        return new AzureResource(
                DEV_SUBSCRIPTION,
                AzureResource.SUBSCRIPTION_TYPE,
                "dev-subscription",
                DEV_SUBSCRIPTION_ID,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(
                        "dev-subscription",
                        List.of(new DefenderPlan(DefenderPlan.SERVERS, PricingTier.FREE, null)),
                        false));
    }

    private static AzureResource devTest03() {
        return new AzureResource(
                DEV_SUBSCRIPTION + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03",
                AzureResource.VIRTUAL_MACHINE_TYPE,
                "dev-test-03",
                DEV_SUBSCRIPTION_ID,
                "dev-rg",
                "westeurope",
                Map.of(),
                new VirtualMachineDetails("Linux", "PowerState/running", List.of()));
    }
}
