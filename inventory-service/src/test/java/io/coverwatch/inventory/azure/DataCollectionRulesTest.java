package io.coverwatch.inventory.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The security event level of a data collection rule, on the official DCR example with its Windows event sources
 * replaced by the queries the Sentinel / Defender "Windows Security Events via AMA" connector writes for each set
 * ({@link ConnectorQueries}).
 */
class DataCollectionRulesTest {

    private static final String RULE = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/monitor-rg/"
            + "providers/Microsoft.Insights/dataCollectionRules/security-events";

    private static String level(List<String> queries) {
        return DataCollectionRules.details(rule(queries)).securityEventLevel();
    }

    private static JsonNode rule(List<String> queries) {
        return AzureSamples.dataCollectionRule(RULE, queries.toArray(String[]::new))
                .path("properties");
    }

    private static List<String> plus(List<String> queries, List<String> more) {
        List<String> all = new ArrayList<>(queries);
        all.addAll(more);
        return all;
    }

    @Test
    void theWholeSecurityChannelIsAll() {
        assertEquals(DataCollectionRuleDetails.ALL, level(plus(List.of("Security!*"), ConnectorQueries.APPLOCKER)));
        assertEquals(DataCollectionRuleDetails.ALL, level(List.of("security!*")), "channel names ignore case");
    }

    @Test
    void theConnectorsCommonQueriesAreCommon() {
        assertEquals(DataCollectionRuleDetails.COMMON, level(ConnectorQueries.common()));
        assertEquals(
                DataCollectionRuleDetails.COMMON,
                level(ConnectorQueries.securityQueries(IntStream.of(ConnectorQueries.COMMON)
                        .filter(id -> id < 8001 || id > 8007)
                        .toArray())),
                "without AppLocker, the same security events");
    }

    @Test
    void theConnectorsMinimalQueriesAreMinimal() {
        assertEquals(DataCollectionRuleDetails.MINIMAL, level(ConnectorQueries.minimal()));
        assertEquals(
                DataCollectionRuleDetails.MINIMAL, level(ConnectorQueries.securityQueries(ConnectorQueries.MINIMAL)));
    }

    @Test
    void windowsEventLogsWithoutTheSecurityChannelAreNone() {
        assertEquals(
                DataCollectionRuleDetails.NONE,
                level(List.of("System![System[(Level = 1 or Level = 2 or Level = 3)]]", "Application!*")));
    }

    @Test
    void aRuleWithoutWindowsEventLogsHasNoLevel() {
        JsonNode linuxOnly = rule(List.of()).deepCopy();
        ((ObjectNode) linuxOnly.path("dataSources")).remove("windowsEventLogs");
        assertNull(DataCollectionRules.securityEventLevel(linuxOnly));
    }

    @Test
    void anythingElseIsCustom() {
        int[] commonButOne =
                IntStream.of(ConnectorQueries.COMMON).filter(id -> id != 4634).toArray();
        assertEquals(DataCollectionRuleDetails.CUSTOM, level(ConnectorQueries.securityQueries(commonButOne)));
        assertEquals(DataCollectionRuleDetails.CUSTOM, level(ConnectorQueries.securityQueries(4624, 4625)));
        assertEquals(DataCollectionRuleDetails.CUSTOM, level(List.of("Security!*[System[(Level=1)]]")));
        assertEquals(
                DataCollectionRuleDetails.CUSTOM,
                level(plus(
                        ConnectorQueries.securityQueries(ConnectorQueries.MINIMAL),
                        List.of("Security!*[System[Provider[@Name='x']]]"))));
    }

    @Test
    void theOfficialExampleReadsABareSecurityChannelWhichIsCustomAndSendsToItsWorkspace() {
        DataCollectionRuleDetails details = DataCollectionRules.details(
                AzureSamples.body("insights/datacollectionrules_get.json").path("properties"));

        assertEquals(DataCollectionRuleDetails.CUSTOM, details.securityEventLevel());
        assertEquals(
                "/subscriptions/703362b3-f278-4e4b-9179-c76eaf41ffc2/resourceGroups/myResourceGroup/providers/"
                        + "Microsoft.OperationalInsights/workspaces/centralTeamWorkspace",
                details.workspaceId());
    }
}
