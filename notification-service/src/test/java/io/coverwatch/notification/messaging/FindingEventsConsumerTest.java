package io.coverwatch.notification.messaging;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class FindingEventsConsumerTest {

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-analyst", Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private static final String PROD_WEB_01 = "/subscriptions/11111111-1111-1111-1111-111111111111"
            + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void aFindingFiresOneAlertLinkedToThePortalAndResolvesIt() throws Exception {
        Instant opened = Instant.parse("2026-11-23T08:00:00Z");
        Finding finding = new Finding(
                Finding.idFor("CW-LA-AGENT", PROD_WEB_01),
                "CW-LA-AGENT",
                "Log Analytics agent should be installed on VMs",
                Severity.HIGH,
                PROD_WEB_01,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                "11111111-1111-1111-1111-111111111111",
                FindingStatus.OPEN,
                null,
                null,
                opened,
                opened,
                null,
                null,
                null);
        try (KafkaProbe kafka = new KafkaProbe(bootstrapServers)) {
            kafka.send(CloudEventCodec.encode(new CloudEvent<>("opened-1", "/test", opened, new FindingOpened(finding)))
                    .producerRecord());
            kafka.send(CloudEventCodec.encode(
                            new CloudEvent<>("opened-1", "/test", opened.plusSeconds(60), new FindingOpened(finding)))
                    .producerRecord());
            kafka.awaitCaughtUp("notification-service", Topics.FINDINGS, TIMEOUT);

            // Other tests share the database: this finding's alert is the one to look at.
            String mine = "findAll { it.findingId == '" + finding.findingId() + "' }";
            given().get("/api/alerts?state=FIRING")
                    .then()
                    .statusCode(200)
                    .body(mine, hasSize(1))
                    .body(mine + "[0].title", equalTo("Log Analytics agent should be installed on VMs"))
                    .body(mine + "[0].startsAt", equalTo("2026-11-23T08:00:00Z"))
                    .body(mine + "[0].portalLink", equalTo("https://portal.azure.com/#@/resource" + PROD_WEB_01))
                    .body(mine + "[0].endsAt", nullValue());

            Instant resolved = opened.plus(Duration.ofHours(4));
            kafka.send(CloudEventCodec.encode(
                            new CloudEvent<>("resolved-1", "/test", resolved, new FindingResolved(finding)))
                    .producerRecord());
            await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/alerts/" + finding.findingId())
                    .then()
                    .body("state", equalTo("RESOLVED"))
                    .body("endsAt", equalTo("2026-11-23T12:00:00Z")));
        }
    }
}
