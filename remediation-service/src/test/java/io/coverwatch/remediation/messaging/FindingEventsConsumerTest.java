package io.coverwatch.remediation.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.Topics;
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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class FindingEventsConsumerTest {

    private static final String DEV_SUBSCRIPTION = "/subscriptions/22222222-2222-2222-2222-222222222222";
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
    void anOpenedFindingIsPlannedOnceInDryRunAndStoodDownWhenItResolves() throws Exception {
        Instant fourHoursAgo = Instant.now().minus(Duration.ofHours(4));
        Finding finding = new Finding(
                Finding.idFor("CW-DEF-SERVERS", DEV_SUBSCRIPTION),
                "CW-DEF-SERVERS",
                "Defender for Servers should be enabled",
                Severity.HIGH,
                DEV_SUBSCRIPTION,
                AzureResource.SUBSCRIPTION_TYPE,
                "22222222-2222-2222-2222-222222222222",
                FindingStatus.OPEN,
                null,
                null,
                fourHoursAgo,
                fourHoursAgo,
                null,
                null);
        ProducerRecord<String, byte[]> opened = CloudEventCodec.encode(
                        new CloudEvent<>("opened-1", "/test", fourHoursAgo, new FindingOpened(finding)))
                .producerRecord();
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.send(opened);
            kafka.send(opened);
            kafka.awaitCaughtUp("remediation-service", Topics.FINDINGS, TIMEOUT);

            given().get("/api/remediations")
                    .then()
                    .statusCode(200)
                    .body("$", hasSize(1))
                    .body("[0].findingId", equalTo(finding.findingId()))
                    .body("[0].status", equalTo("AWAITING_APPROVAL"))
                    .body("[0].dryRun", equalTo(true))
                    .body(
                            "[0].request",
                            equalTo("PUT " + DEV_SUBSCRIPTION + "/providers/Microsoft.Security/"
                                    + "pricings/VirtualMachines?api-version=2024-01-01 {\"properties\":"
                                    + "{\"pricingTier\":\"Standard\",\"subPlan\":\"P2\"}}"));

            kafka.send(CloudEventCodec.encode(
                            new CloudEvent<>("resolved-1", "/test", Instant.now(), new FindingResolved(finding)))
                    .producerRecord());
            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/remediations?status=NO_LONGER_NEEDED")
                    .then()
                    .body("$", hasSize(1)));
        }
    }

    @Test
    void anUnknownRemediationIsAProblem() {
        given().get("/api/remediations/nope").then().statusCode(404).contentType("application/problem+json");
    }
}
