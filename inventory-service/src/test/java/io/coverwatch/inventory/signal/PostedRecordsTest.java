package io.coverwatch.inventory.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.contracts.SecuritySignal.SignalKind;
import io.coverwatch.inventory.azure.AzureSamples;
import io.coverwatch.inventory.signal.PostedRecords.RecordError;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostedRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED_AT = Instant.parse("2026-12-04T10:00:00Z");
    private static final String PROD_WEB_01 = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/"
            + "prod-rg/providers/Microsoft.Compute/virtualMachines/prod-web-01";

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void aRecommendationIsReadAsContinuousExportsAndAnythingElseIsRefusedByIndex() {
        var recommendation = AzureSamples.assessment(
                PROD_WEB_01,
                "d1db3318-01ff-16de-29eb-28b344515626",
                "Log Analytics agent should be installed on virtual machines",
                "Unhealthy",
                "2026-12-01T08:00:00Z");
        var alert = AzureSamples.body("security/alerts_get_subscription_location.json");

        PostedRecords.Batch<DefenderAssessment> batch = PostedRecords.assessments(
                JSON.createArrayNode().add(recommendation).add(alert), RECEIVED_AT);

        assertEquals(2, batch.records());
        assertEquals(AssessmentStatus.UNHEALTHY, batch.read().get(0).status());
        assertEquals(
                List.of(new RecordError(
                        1,
                        "type is 'Microsoft.Security/Locations/alerts': a recommendation is "
                                + "Microsoft.Security/assessments")),
                batch.errors());
    }

    @Test
    void aSecurityAlertRowOfLogAnalyticsIsADefenderAlert() throws Exception {
        PostedRecords.Batch<SecuritySignal> batch = PostedRecords.securitySignals(json(
                """
                {"records": [{"TimeGenerated": "2026-12-04T09:20:00Z", "SystemAlertId": "2518_8f2f6b5e",
                  "AlertType": "VM_EICAR", "AlertSeverity": "High", "ResourceId": "%s", "Type": "SecurityAlert"}]}
                """
                        .formatted(PROD_WEB_01)));

        assertEquals(
                List.of(new SecuritySignal(
                        "2518_8f2f6b5e",
                        PROD_WEB_01,
                        SignalKind.DEFENDER_ALERT,
                        "VM_EICAR",
                        "High",
                        Instant.parse("2026-12-04T09:20:00Z"))),
                batch.read());
        assertEquals(List.of(), batch.errors());
    }

    @Test
    void eachBadRowIsNamedWithItsIndexAndField() throws Exception {
        PostedRecords.Batch<SecuritySignal> batch = PostedRecords.securitySignals(json(
                """
                [{"TimeGenerated": "2026-12-04T09:15:00Z", "EventID": "4625", "_ResourceId": "%s",
                  "Type": "SecurityEvent"},
                 {"TimeGenerated": "2026-12-04T09:15:00Z", "EventID": "4625", "Type": "SecurityEvent"},
                 {"SystemAlertId": "a-1", "ResourceId": "%s", "Type": "SecurityAlert"},
                 "a string"]
                """
                        .formatted(PROD_WEB_01, PROD_WEB_01)));

        assertEquals(1, batch.read().size());
        assertEquals(
                List.of(
                        new RecordError(1, "_ResourceId is required"),
                        new RecordError(2, "TimeGenerated, StartTimeUtc or StartTime is required"),
                        new RecordError(
                                3, "Type is missing: a security signal is a row of SecurityAlert or SecurityEvent")),
                batch.errors());
    }

    @Test
    void aBodyThatIsNoBatchIsRefusedWhole() throws Exception {
        assertEquals(
                List.of(new RecordError(-1, "expected {\"records\": [...]}, an array of records or one record")),
                PostedRecords.securitySignals(json("42")).errors());
    }
}
