package io.coverwatch.inventory.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.contracts.SecuritySignal.SignalKind;
import io.coverwatch.contracts.Severity;
import io.coverwatch.inventory.azure.AzureSamples;
import io.coverwatch.inventory.signal.DefenderExportRecords.Decoded;
import io.coverwatch.inventory.signal.DefenderExportRecords.Skipped;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Continuous export items in the shapes Microsoft documents (shared/azure-samples: security/, defender-export/). */
class DefenderExportRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant EXPORTED_AT = Instant.parse("2026-11-23T12:00:00Z");
    private static final String SAMPLE_SUBSCRIPTION = "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23";
    private static final String AZLOCAL_WITNESS = "/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/"
            + "azlocal-rg/providers/Microsoft.Storage/storageAccounts/azlocalwitness01";

    private static ObjectNode envelope(JsonNode... items) {
        ObjectNode envelope = JSON.createObjectNode();
        ArrayNode records = envelope.putArray("records");
        for (JsonNode item : items) {
            records.add(item);
        }
        return envelope;
    }

    @Test
    void theOfficialRestAlertIsADefenderAlertOnItsAzureResource() {
        Decoded decoded = DefenderExportRecords.decode(
                envelope(AzureSamples.body("security/alerts_get_subscription_location.json")), EXPORTED_AT);

        assertEquals(
                List.of(new SecuritySignal(
                        "2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a",
                        SAMPLE_SUBSCRIPTION + "/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1",
                        SignalKind.DEFENDER_ALERT,
                        "VM_EICAR",
                        "High",
                        Instant.parse("2020-02-23T13:47:58Z"))),
                decoded.alerts());
        assertEquals(List.of(), decoded.unreadable());
    }

    @Test
    void thePascalCaseSecurityAlertSentAloneIsADefenderAlertToo() {
        Decoded decoded = DefenderExportRecords.decode(
                SchemaExamples.item("defender-export/securityalert.schema.json"), EXPORTED_AT);

        assertEquals(
                List.of(new SecuritySignal(
                        "2342409243234234_F2BFED55-5997-4FEA-95BD-BB7C6DDCD061",
                        "/subscriptions/86057C9F-3CDD-484E-83B1-7BF1C17A9FF8/resourceGroups/backend-srv/providers/"
                                + "Microsoft.Compute/WebSrv1",
                        SignalKind.DEFENDER_ALERT,
                        "SUSPECT_SVCHOST",
                        "High",
                        Instant.parse("2016-12-20T13:38:03Z"))),
                decoded.alerts());
        assertEquals(List.of(), decoded.unreadable());
    }

    @Test
    void anExportedRecommendationCarriesItsMetadataAndPortalLink() {
        ObjectNode recommendation = SchemaExamples.item("defender-export/recommendation.schema.json");

        Decoded decoded = DefenderExportRecords.decode(envelope(recommendation), EXPORTED_AT);

        assertEquals(
                List.of(new DefenderAssessment(
                        "/subscriptions/a27e854a-8578-4395-8eaf-6fc7849f3050/providers/Microsoft.Security/assessments/"
                                + "151e82c5-5341-a74b-1eb0-bc38d2c84bb5",
                        "151e82c5-5341-a74b-1eb0-bc38d2c84bb5",
                        "Enable MFA for Azure Management App accounts with read permissions on your subscription",
                        "/subscriptions/a27e854a-8578-4395-8eaf-6fc7849f3050",
                        AssessmentStatus.UNHEALTHY,
                        Severity.LOW,
                        "N/A",
                        "N/A",
                        "https://ms.portal.azure.com/?fea#blade/Microsoft_Azure_Security/RecommendationsBlade/"
                                + "assessmentKey/01b1ed4c-b733-4fee-b145-f23236e70cf3",
                        EXPORTED_AT)),
                decoded.assessments());
    }

    @Test
    void restAssessmentsInABareArrayAreReadWithoutMetadata() {
        JsonNode list = AzureSamples.body("security/assessments_list.json").path("value");

        List<DefenderAssessment> assessments =
                DefenderExportRecords.decode(list, EXPORTED_AT).assessments();

        String vmss = SAMPLE_SUBSCRIPTION + "/resourceGroups/myRg/providers/Microsoft.Compute/virtualMachineScaleSets/";
        assertEquals(2, assessments.size());
        DefenderAssessment healthy = assessments.get(0);
        assertEquals(vmss + "vmss1", healthy.resourceId());
        assertEquals(AssessmentStatus.HEALTHY, healthy.status());
        assertEquals("21300918-b2e3-0346-785f-c77ff57d243b", healthy.assessmentKey());
        assertEquals(null, healthy.severity());
        assertEquals(EXPORTED_AT, healthy.observedAt());
        DefenderAssessment offByPolicy = assessments.get(1);
        assertEquals(vmss + "vmss2", offByPolicy.resourceId());
        assertEquals(AssessmentStatus.NOT_APPLICABLE, offByPolicy.status());
        assertEquals("OffByPolicy", offByPolicy.cause());
        assertEquals(
                "https://www.portal.azure.com/?fea#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/"
                        + "21300918-b2e3-0346-785f-c77ff57d243b",
                DefenderExportRecords.decode(
                                AzureSamples.body("security/assessments_get_with_expand_links.json"), EXPORTED_AT)
                        .assessments()
                        .get(0)
                        .portalLink());
    }

    @Test
    void anUnhealthyRecommendationOnTheAzureLocalWitnessIsDatedWhenItsStatusChanged() throws Exception {
        JsonNode item = JSON.readTree(
                """
                {"id": "%1$s/providers/Microsoft.Security/assessments/3b363842-30f5-4056-980d-3a40fa5de8b3",
                 "name": "3b363842-30f5-4056-980d-3a40fa5de8b3", "type": "Microsoft.Security/assessments",
                 "properties": {"resourceDetails": {"source": "Azure", "id": "%1$s"},
                   "displayName": "Storage accounts should prevent shared key access",
                   "status": {"code": "Unhealthy", "statusChangeDate": "2026-11-20T09:30:00Z"},
                   "metadata": {"severity": "Medium"}}}"""
                        .formatted(AZLOCAL_WITNESS));

        DefenderAssessment assessment =
                DefenderExportRecords.decode(item, EXPORTED_AT).assessments().get(0);

        assertEquals(AZLOCAL_WITNESS, assessment.resourceId());
        assertEquals(Severity.MEDIUM, assessment.severity());
        assertEquals(Instant.parse("2026-11-20T09:30:00Z"), assessment.observedAt());
    }

    @Test
    void subAssessmentsAreSkippedNotUnreadable() {
        Decoded decoded = DefenderExportRecords.decode(
                envelope(AzureSamples.body("security/subassessments_get_unhealthy.json")), EXPORTED_AT);

        assertEquals(List.of(Skipped.SUB_ASSESSMENT), decoded.skipped());
        assertEquals(List.of(), decoded.unreadable());
        assertEquals(List.of(), decoded.assessments());
    }

    @Test
    void aSecureScoreIsTheSubscriptionsScoreAsOfItsExport() {
        Decoded decoded = DefenderExportRecords.decode(
                envelope(AzureSamples.body("security/securescores_list.json")
                        .path("value")
                        .get(0)),
                EXPORTED_AT);

        assertEquals(
                List.of(new DefenderSecureScore(
                        "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23",
                        "/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/providers/Microsoft.Security/secureScores/"
                                + "ascScore",
                        "ASC score",
                        23.53,
                        39,
                        0.6033,
                        67L,
                        EXPORTED_AT)),
                decoded.secureScores());
        assertEquals(List.of(), decoded.unreadable());
    }

    @Test
    void aSecureScoreWithoutItsNumbersIsUnreadable() {
        ObjectNode score = (ObjectNode) AzureSamples.body("security/securescores_list.json")
                .path("value")
                .get(0);
        ((ObjectNode) score.path("properties").path("score")).remove("current");

        Decoded decoded = DefenderExportRecords.decode(envelope(score), EXPORTED_AT);

        assertEquals(List.of(), decoded.secureScores());
        assertEquals(
                "properties.score.current is required and must be a number",
                decoded.unreadable().get(0).reason());
    }

    @Test
    void eachUnreadableItemIsNamedWithWhyAndTheRestAreRead() {
        ObjectNode noResource = AzureSamples.body("security/alerts_get_subscription_location.json");
        ((ObjectNode) noResource.path("properties")).putArray("resourceIdentifiers");
        ObjectNode badStatus = SchemaExamples.item("defender-export/recommendation.schema.json");
        ((ObjectNode) badStatus.path("properties").path("status")).put("code", "Broken");
        ObjectNode pricing = AzureSamples.body("security/pricings_get_virtualmachines.json");
        ObjectNode good = AzureSamples.body("security/alerts_get_subscription_location.json");

        Decoded decoded = DefenderExportRecords.decode(
                envelope(noResource, badStatus, pricing, JSON.getNodeFactory().numberNode(42), good), EXPORTED_AT);

        assertEquals(1, decoded.alerts().size());
        assertEquals(
                List.of(
                        "0: properties.resourceIdentifiers[type AzureResource].azureResourceId is required",
                        "1: properties.status.code is not Healthy, Unhealthy or NotApplicable: Broken",
                        "2: not a continuous export item Coverwatch knows: type Microsoft.Security/pricings",
                        "3: not a continuous export item: neither a type nor a SystemAlertId"),
                decoded.unreadable().stream()
                        .map(unreadable -> unreadable.index() + ": " + unreadable.reason())
                        .toList());
        assertEquals(pricing, decoded.unreadable().get(2).item());
    }

    @Test
    void aBodyThatIsNoExportIsUnreadableAsAWhole() throws Exception {
        for (String body : List.of("{\"records\": {}}", "42", "\"alerts\"")) {
            List<DefenderExportRecords.Unreadable> unreadable = DefenderExportRecords.decode(
                            JSON.readTree(body), EXPORTED_AT)
                    .unreadable();
            assertEquals(1, unreadable.size(), body);
            assertEquals(-1, unreadable.get(0).index(), body);
        }
    }
}
