package io.coverwatch.contracts.cloudevents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.contracts.EventType;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.Remediation;
import io.coverwatch.contracts.RemediationAwaitingApproval;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CloudEventCodecTest {

    private static final Instant FOUR_HOURS_AGO = Instant.parse("2026-11-23T08:00:00Z");
    private static final String PROD_WEB_01 =
            "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/prod-rg/providers/"
                    + "Microsoft.Compute/virtualMachines/prod-web-01";

    static Stream<CoverwatchEvent> everyKindOfEvent() {
        AzureResource prodWeb01 = new AzureResource(
                PROD_WEB_01,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                "prod-web-01",
                "11111111-1111-1111-1111-111111111111",
                "prod-rg",
                "westeurope",
                Map.of("env", "prod"),
                new VirtualMachineDetails(
                        "Windows",
                        "PowerState/running",
                        List.of(new VmExtension(
                                "MDE.Windows",
                                "Microsoft.Azure.AzureDefenderForServers",
                                "MDE.Windows",
                                "1.0",
                                "Succeeded",
                                null))));
        AzureResource devSubscription = new AzureResource(
                "/subscriptions/22222222-2222-2222-2222-222222222222",
                AzureResource.SUBSCRIPTION_TYPE,
                "dev-subscription",
                "22222222-2222-2222-2222-222222222222",
                null,
                null,
                Map.of(),
                new SubscriptionDetails(
                        "dev-subscription",
                        List.of(new DefenderPlan(DefenderPlan.SERVERS, PricingTier.FREE, null)),
                        false));
        Finding finding = new Finding(
                Finding.idFor("CW-DEF-SERVERS", devSubscription.id()),
                "CW-DEF-SERVERS",
                "Defender for Servers should be enabled",
                Severity.HIGH,
                devSubscription.id(),
                AzureResource.SUBSCRIPTION_TYPE,
                devSubscription.subscriptionId(),
                FindingStatus.OPEN,
                "Servers plan",
                "Enable the Defender for Servers plan",
                FOUR_HOURS_AGO,
                FOUR_HOURS_AGO,
                null,
                Map.of("env", "dev"),
                TroubleshootingStep.SERVERS_PLAN);
        Remediation remediation = new Remediation(
                "r-1",
                finding.findingId(),
                finding.ruleId(),
                "enable-plan",
                devSubscription.id(),
                devSubscription.subscriptionId(),
                true);
        return Stream.of(
                new ResourceUpserted(prodWeb01, "hash-1"),
                new ResourceUpserted(devSubscription, "hash-2"),
                new ResourceDeleted(PROD_WEB_01, AzureResource.VIRTUAL_MACHINE_TYPE, prodWeb01.subscriptionId()),
                new AgentHeartbeat(
                        PROD_WEB_01,
                        "prod-web-01",
                        AgentHeartbeat.AZURE_MONITOR_AGENT,
                        "Windows",
                        "1.30",
                        "10.0.0.4",
                        FOUR_HOURS_AGO,
                        "GB"),
                new DefenderAssessment(
                        PROD_WEB_01 + "/providers/Microsoft.Security/assessments/d1db3318-01ff-16de-29eb-28b344515626",
                        "d1db3318-01ff-16de-29eb-28b344515626",
                        "Log Analytics agent should be installed on VMs",
                        PROD_WEB_01,
                        AssessmentStatus.UNHEALTHY,
                        Severity.HIGH,
                        null,
                        "Install the agent",
                        null,
                        FOUR_HOURS_AGO),
                new DefenderSecureScore(
                        devSubscription.id(),
                        devSubscription.id() + "/providers/Microsoft.Security/secureScores/ascScore",
                        "ASC score",
                        23.53,
                        39,
                        0.6033,
                        67L,
                        FOUR_HOURS_AGO),
                new ResourceUpserted(
                        new AzureResource(
                                PROD_WEB_01,
                                AzureResource.VIRTUAL_MACHINE_TYPE,
                                "prod-web-01",
                                "11111111-1111-1111-1111-111111111111",
                                "prod-rg",
                                "westeurope",
                                Map.of(),
                                new VirtualMachineDetails("Windows", "PowerState/running", List.of())
                                        .withExtensionPolicyAssignment("/subscriptions/"
                                                + "11111111-1111-1111-1111-111111111111/providers/"
                                                + "Microsoft.Authorization/policyAssignments/deny-vm-extensions")),
                        "hash-4"),
                new SecuritySignal(
                        "2518770965529163669_F144EE95-A3E5-42DA-A279-967D115809AA",
                        PROD_WEB_01,
                        SecuritySignal.SignalKind.DEFENDER_ALERT,
                        "SUSPECT_SVCHOST",
                        "High",
                        FOUR_HOURS_AGO),
                new ResourceUpserted(
                        new AzureResource(
                                "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/prod-rg/providers/"
                                        + "Microsoft.Insights/dataCollectionRules/security-common",
                                "Microsoft.Insights/dataCollectionRules",
                                "security-common",
                                "11111111-1111-1111-1111-111111111111",
                                "prod-rg",
                                "westeurope",
                                Map.of(),
                                new DataCollectionRuleDetails(DataCollectionRuleDetails.COMMON, null)),
                        "hash-3"),
                new FindingOpened(finding),
                new FindingResolved(finding),
                new RemediationAwaitingApproval(remediation, "PUT pricings/VirtualMachines tier Standard"));
    }

    @ParameterizedTest
    @MethodSource("everyKindOfEvent")
    void roundTripsEveryEventThroughKafkaHeadersAndBody(CoverwatchEvent data) {
        CloudEvent<CoverwatchEvent> event = new CloudEvent<>("id-1", "/coverwatch/test", FOUR_HOURS_AGO, data);

        EncodedEvent encoded = CloudEventCodec.encode(event);
        CloudEvent<CoverwatchEvent> decoded =
                CloudEventCodec.decode(encoded.kafkaHeaders(), encoded.body()).orElseThrow();

        assertEquals(event, decoded);
        assertEquals(data.eventType().topic(), encoded.topic());
        assertEquals(data.partitionKey(), encoded.key());
    }

    @Test
    void writesTheBinaryModeHeaders() {
        CoverwatchEvent heartbeat = everyKindOfEvent()
                .filter(AgentHeartbeat.class::isInstance)
                .findFirst()
                .orElseThrow();
        EncodedEvent encoded = CloudEventCodec.encode(
                new CloudEvent<>("hb-1", "/coverwatch/inventory-service/demo", FOUR_HOURS_AGO, heartbeat));

        assertEquals(
                Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        "hb-1",
                        "ce_type",
                        "coverwatch.inventory.heartbeat",
                        "ce_source",
                        "/coverwatch/inventory-service/demo",
                        "ce_subject",
                        PROD_WEB_01,
                        "ce_time",
                        "2026-11-23T08:00:00Z",
                        "content-type",
                        "application/json"),
                encoded.headers());
        assertEquals(Topics.HEARTBEATS, encoded.topic());
        assertEquals(PROD_WEB_01.toLowerCase(), encoded.key());
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        String body = "{\"resourceId\":\"" + PROD_WEB_01 + "\",\"computer\":\"prod-web-01\","
                + "\"category\":\"Azure Monitor Agent\",\"timeGenerated\":\"2026-11-23T08:00:00Z\","
                + "\"addedInAFutureVersion\":{\"nested\":[1,2,3]}}";

        CloudEvent<CoverwatchEvent> decoded = CloudEventCodec.decode(
                        headers(EventType.AGENT_HEARTBEAT.type()), body.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();

        AgentHeartbeat heartbeat = assertInstanceOf(AgentHeartbeat.class, decoded.data());
        assertEquals("prod-web-01", heartbeat.computer());
        assertEquals(FOUR_HOURS_AGO, heartbeat.timeGenerated());
    }

    @Test
    void readsAResourceKindItDoesNotKnowAsGeneric() {
        String body = "{\"resource\":{\"id\":\"/subscriptions/s/providers/Contoso.Future/widgets/w1\","
                + "\"type\":\"Contoso.Future/widgets\",\"details\":{\"kind\":\"widget\",\"spin\":3}},"
                + "\"contentHash\":\"h\"}";

        CloudEvent<CoverwatchEvent> decoded = CloudEventCodec.decode(
                        headers(EventType.RESOURCE_UPSERTED.type()), body.getBytes(StandardCharsets.UTF_8))
                .orElseThrow();

        ResourceUpserted upserted = assertInstanceOf(ResourceUpserted.class, decoded.data());
        assertInstanceOf(GenericDetails.class, upserted.resource().details());
    }

    @Test
    void skipsAnEventTypeFromANewerProducer() {
        assertTrue(CloudEventCodec.decode(headers("coverwatch.inventory.something-new"), "{}".getBytes())
                .isEmpty());
    }

    @Test
    void malformedBodyIsATypedErrorNamingTheEvent() {
        MalformedEventException error = assertThrows(
                MalformedEventException.class,
                () -> CloudEventCodec.decode(
                        headers(EventType.AGENT_HEARTBEAT.type()), "{not json".getBytes(StandardCharsets.UTF_8)));

        assertTrue(
                error.getMessage().startsWith("body of coverwatch.inventory.heartbeat hb-1 is not readable"),
                error.getMessage());
    }

    @Test
    void missingRequiredFieldIsATypedError() {
        MalformedEventException error = assertThrows(
                MalformedEventException.class,
                () -> CloudEventCodec.decode(
                        headers(EventType.AGENT_HEARTBEAT.type()), "{\"computer\":\"dev-test-03\"}".getBytes()));

        assertTrue(error.getMessage().contains("resourceId"), error.getMessage());
    }

    @Test
    void missingHeaderIsATypedError() {
        Headers headers = headers(EventType.AGENT_HEARTBEAT.type());
        headers.remove(CloudEventHeaders.ID);

        MalformedEventException error =
                assertThrows(MalformedEventException.class, () -> CloudEventCodec.decode(headers, "{}".getBytes()));

        assertEquals("missing header ce_id", error.getMessage());
    }

    @Test
    void aHeaderGivenTwiceIsReadAsItsLastAndAnEmptyOneIsMissing() {
        byte[] heartbeat = ("{\"resourceId\":\"/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/"
                        + "prod-rg/providers/Microsoft.Compute/virtualMachines/prod-db-01\","
                        + "\"timeGenerated\":\"2026-11-23T07:59:00Z\"}")
                .getBytes(StandardCharsets.UTF_8);
        Headers twice = headers(EventType.AGENT_HEARTBEAT.type());
        twice.add(CloudEventHeaders.ID, "hb-2".getBytes());
        Headers empty = headers(EventType.AGENT_HEARTBEAT.type());
        empty.add(CloudEventHeaders.SOURCE, new byte[0]);

        assertEquals(
                "hb-2", CloudEventCodec.decode(twice, heartbeat).orElseThrow().id());
        MalformedEventException error =
                assertThrows(MalformedEventException.class, () -> CloudEventCodec.decode(empty, heartbeat));
        assertEquals("missing header ce_source", error.getMessage());
    }

    @Test
    void badTimeAndSpecVersionAreTypedErrors() {
        Headers badTime = headers(EventType.AGENT_HEARTBEAT.type());
        badTime.remove(CloudEventHeaders.TIME);
        badTime.add(CloudEventHeaders.TIME, "4 hours ago".getBytes());
        Headers badVersion = headers(EventType.AGENT_HEARTBEAT.type());
        badVersion.remove(CloudEventHeaders.SPEC_VERSION);
        badVersion.add(CloudEventHeaders.SPEC_VERSION, "0.3".getBytes());

        assertThrows(MalformedEventException.class, () -> CloudEventCodec.decode(badTime, "{}".getBytes()));
        assertThrows(MalformedEventException.class, () -> CloudEventCodec.decode(badVersion, "{}".getBytes()));
    }

    @Test
    void whatTheEncoderWritesTheKafkaDeserializerReads() {
        CoverwatchEvent data = everyKindOfEvent().findFirst().orElseThrow();
        CloudEvent<CoverwatchEvent> event = new CloudEvent<>("id-7", "/coverwatch/test", FOUR_HOURS_AGO, data);
        EncodedEvent encoded = CloudEventCodec.encode(event);
        Headers headers = encoded.kafkaHeaders();

        assertEquals(event, new CloudEventDeserializer().deserialize(Topics.RESOURCES, headers, encoded.body()));
        assertNull(new CloudEventDeserializer().deserialize(Topics.RESOURCES, headers, (byte[]) null), "tombstone");
    }

    private static Headers headers(String type) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes());
        headers.add(CloudEventHeaders.ID, "hb-1".getBytes());
        headers.add(CloudEventHeaders.TYPE, type.getBytes());
        headers.add(CloudEventHeaders.SOURCE, "/coverwatch/test".getBytes());
        headers.add(CloudEventHeaders.TIME, "2026-11-23T08:00:00Z".getBytes());
        return headers;
    }
}
