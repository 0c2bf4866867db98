package io.coverwatch.inventory.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The security event level of a data collection rule, on the official DCR example with its Windows event sources
 * replaced by the queries the Sentinel / Defender "Windows Security Events via AMA" connector writes for each set.
 */
class DataCollectionRulesTest {

    private static final String RULE = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/monitor-rg/"
            + "providers/Microsoft.Insights/dataCollectionRules/security-events";

    /**
     * The Security-channel IDs of the Minimal set: Microsoft Sentinel's "Windows security event sets" reference lists
     * AppLocker's 8001-8007 too, which the connector reads from the AppLocker channels only.
     */
    private static final int[] MINIMAL = {
        1102, 4624, 4625, 4657, 4663, 4688, 4700, 4702, 4719, 4720, 4722, 4723, 4724, 4727, 4728, 4732, 4735, 4737,
        4739, 4740, 4754, 4755, 4756, 4767, 4799, 4825, 4946, 4948, 4956, 5024, 5033, 8222
    };

    /** The Common set as the same reference lists it, in its order. */
    private static final int[] COMMON = {
        1, 299, 300, 324, 340, 403, 404, 410, 411, 412, 413, 431, 500, 501, 1100, 1102, 1107, 1108, 4608, 4610, 4611,
        4614, 4622, 4624, 4625, 4634, 4647, 4648, 4649, 4657, 4661, 4662, 4663, 4665, 4666, 4667, 4688, 4670, 4672,
        4673, 4674, 4675, 4689, 4697, 4700, 4702, 4704, 4705, 4716, 4717, 4718, 4719, 4720, 4722, 4723, 4724, 4725,
        4726, 4727, 4728, 4729, 4733, 4732, 4735, 4737, 4738, 4739, 4740, 4742, 4744, 4745, 4746, 4750, 4751, 4752,
        4754, 4755, 4756, 4757, 4760, 4761, 4762, 4764, 4767, 4768, 4771, 4774, 4778, 4779, 4781, 4793, 4797, 4798,
        4799, 4800, 4801, 4802, 4803, 4825, 4826, 4870, 4886, 4887, 4888, 4893, 4898, 4902, 4904, 4905, 4907, 4931,
        4932, 4933, 4946, 4948, 4956, 4985, 5024, 5033, 5059, 5136, 5137, 5140, 5145, 5632, 6144, 6145, 6272, 6273,
        6278, 6416, 6423, 6424, 8001, 8002, 8003, 8004, 8005, 8006, 8007, 8222, 26401, 30004
    };

    private static final List<String> APPLOCKER = List.of(
            "Microsoft-Windows-AppLocker/EXE and DLL!*[System[(EventID=8001) or (EventID=8002) or (EventID=8003) or "
                    + "(EventID=8004)]]",
            "Microsoft-Windows-AppLocker/MSI and Script!*[System[(EventID=8005) or (EventID=8006) or (EventID=8007)]]");

    /** The connector's Security queries: fifteen event IDs per query. */
    private static List<String> securityQueries(int... eventIds) {
        List<String> queries = new ArrayList<>();
        for (int from = 0; from < eventIds.length; from += 15) {
            queries.add("Security!*[System["
                    + Arrays.stream(eventIds, from, Math.min(eventIds.length, from + 15))
                            .mapToObj(id -> "(EventID=" + id + ")")
                            .collect(Collectors.joining(" or "))
                    + "]]");
        }
        return queries;
    }

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
        assertEquals(DataCollectionRuleDetails.ALL, level(plus(List.of("Security!*"), APPLOCKER)));
        assertEquals(DataCollectionRuleDetails.ALL, level(List.of("security!*")), "channel names ignore case");
    }

    @Test
    void theConnectorsCommonQueriesAreCommon() {
        assertEquals(DataCollectionRuleDetails.COMMON, level(plus(securityQueries(COMMON), APPLOCKER)));
        assertEquals(
                DataCollectionRuleDetails.COMMON,
                level(securityQueries(IntStream.of(COMMON)
                        .filter(id -> id < 8001 || id > 8007)
                        .toArray())),
                "without AppLocker, the same security events");
    }

    @Test
    void theConnectorsMinimalQueriesAreMinimal() {
        assertEquals(DataCollectionRuleDetails.MINIMAL, level(plus(securityQueries(MINIMAL), APPLOCKER)));
        assertEquals(DataCollectionRuleDetails.MINIMAL, level(securityQueries(MINIMAL)));
    }

    @Test
    void noSecurityChannelIsNone() {
        assertEquals(
                DataCollectionRuleDetails.NONE,
                level(List.of("System![System[(Level = 1 or Level = 2 or Level = 3)]]", "Application!*")));
        JsonNode linuxOnly = rule(List.of()).deepCopy();
        ((ObjectNode) linuxOnly.path("dataSources")).remove("windowsEventLogs");
        assertEquals(DataCollectionRuleDetails.NONE, DataCollectionRules.securityEventLevel(linuxOnly));
    }

    @Test
    void anythingElseIsCustom() {
        int[] commonButOne = IntStream.of(COMMON).filter(id -> id != 4634).toArray();
        assertEquals(DataCollectionRuleDetails.CUSTOM, level(securityQueries(commonButOne)));
        assertEquals(DataCollectionRuleDetails.CUSTOM, level(securityQueries(4624, 4625)));
        assertEquals(DataCollectionRuleDetails.CUSTOM, level(List.of("Security!*[System[(Level=1)]]")));
        assertEquals(
                DataCollectionRuleDetails.CUSTOM,
                level(plus(securityQueries(MINIMAL), List.of("Security!*[System[Provider[@Name='x']]]"))));
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
