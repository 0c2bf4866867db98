package io.coverwatch.remediation.catalog;

import static io.coverwatch.remediation.catalog.SeedEstate.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.remediation.catalog.RemediationPlan.Automatic;
import io.coverwatch.remediation.catalog.RemediationPlan.ManualSteps;
import io.coverwatch.remediation.catalog.RemediationPlan.NoRemediation;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rule of evaluation-service's catalog, and every diagnosis step, has its plan here. */
class RuleCoverageTest {

    private static final String RULE_CATALOG =
            "evaluation-service/src/main/java/io/coverwatch/evaluation/rules/RuleCatalog.java";
    private static final String TROUBLESHOOTING_STEP =
            "evaluation-service/src/main/java/io/coverwatch/evaluation/rules/diagnosis/TroubleshootingStep.java";

    /** One rule on a representative resource, and the plan it gets: an action, MANUAL:obstacle, or NONE. */
    record Row(String ruleId, ResourceFacts facts, String diagnosis, String expected) {
        @Override
        public String toString() {
            return ruleId + (diagnosis == null ? "" : " [" + diagnosis + "]") + " → " + expected;
        }
    }

    static List<Row> table() {
        ResourceFacts prodWeb01 = SeedEstate.prodWeb01();
        ResourceFacts withAma = prodWeb01.withExtension(
                AgentExtension.AZURE_MONITOR_AGENT, new ExtensionState("AzureMonitorWindowsAgent", "Succeeded"));
        ResourceFacts devSubscription = SeedEstate.devSubscription();
        return List.of(
                new Row("CW-DEF-SERVERS", devSubscription, null, "ENABLE_DEFENDER_PLAN"),
                new Row("CW-DEF-SQL", prodWeb01, null, "ENABLE_DEFENDER_PLAN"),
                new Row("CW-DEF-SQL-VM", prodWeb01, null, "ENABLE_DEFENDER_PLAN"),
                new Row("CW-DEF-STORAGE", prodWeb01, null, "ENABLE_DEFENDER_PLAN"),
                new Row("CW-DEF-KEYVAULT", prodWeb01, null, "ENABLE_DEFENDER_PLAN"),
                new Row("CW-DEF-CONTAINERS", prodWeb01, null, "ENABLE_DEFENDER_PLAN"),
                new Row("CW-DEF-APPSERVICE", prodWeb01, null, "ENABLE_DEFENDER_PLAN"),
                new Row("CW-MON-LA-AGENT", prodWeb01, null, "INSTALL_AMA"),
                new Row("CW-MON-LA-AGENT", SeedEstate.legacyApp01(), null, "MANUAL:UNSUPPORTED_OS"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01,
                        "Step 1 (Defender for Servers plan): off",
                        "ENABLE_DEFENDER_PLAN"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01,
                        "Step 2 (Auto-provisioning): off",
                        "ENABLE_AUTO_PROVISIONING"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        SeedEstate.legacyApp01(),
                        "Step 3 (Operating system): needs MMA",
                        "MANUAL:UNSUPPORTED_OS"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01,
                        "Step 4 (Outbound connectivity): blocked",
                        "MANUAL:NETWORK_BLOCKED"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01.withExtensionPolicyAssignment(SeedEstate.DENY_EXTENSIONS_ASSIGNMENT),
                        "Step 5 (Azure Policy): denied",
                        "CREATE_POLICY_EXEMPTION"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01,
                        "Step 6 (Permissions): AuthorizationFailed",
                        "MANUAL:MISSING_PERMISSIONS"),
                new Row("CW-MON-NOT-MONITORED", prodWeb01, "Step 6 (Extension status): missing", "INSTALL_AMA"),
                new Row("CW-MON-NOT-MONITORED", withAma, "Step 6 (Extension status): MDE missing", "INSTALL_MDE"),
                new Row("CW-AGENT-AMA-DOWN", SeedEstate.devTest03(), null, "REINSTALL_EXTENSION"),
                new Row(
                        "CW-AGENT-AMA-DOWN",
                        SeedEstate.devTest03().withPowerState(PowerState.DISCONNECTED),
                        null,
                        "MANUAL:DISCONNECTED"),
                new Row("CW-ARC-DISCONNECTED", SeedEstate.devTest03(), null, "MANUAL:DISCONNECTED"),
                new Row("CW-AGENT-LEGACY-MMA", prodWeb01, null, "MANUAL:JUDGEMENT"),
                new Row(
                        "CW-XSIG-AMA-NOT-COLLECTING",
                        withAma.withDataCollectionRules(Set.of(), SeedEstate.SECURITY_EVENTS_DCR),
                        null,
                        "ASSOCIATE_DCR"),
                new Row("CW-XSIG-AMA-NOT-COLLECTING", withAma, null, "MANUAL:MISSING_FACTS"),
                new Row("CW-XSIG-MDE-NOT-DEPLOYED", withAma, null, "INSTALL_MDE"),
                new Row("CW-PROV-AMA", devSubscription, null, "ENABLE_AUTO_PROVISIONING"),
                new Row("CW-PROV-MDE", devSubscription, null, "ENABLE_AUTO_PROVISIONING"),
                new Row("CW-CSPM-FOUNDATIONAL", devSubscription, null, "NONE"),
                new Row("CW-MCSB-ASSIGNED", devSubscription, null, "NONE"),
                new Row("CW-WS-SENTINEL", devSubscription, null, "NONE"),
                new Row("CW-DCR-SECURITY-EVENTS", devSubscription, null, "NONE"),
                new Row("CW-AZLOCAL-VERSION", devSubscription, null, "NONE"),
                new Row("CW-MDC-4fb67663-9ab9-475d-b026-8c544cced439", prodWeb01, null, "NONE"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void everyRuleGetsItsPlan(Row row) {
        RemediationPlan plan =
                RemediationCatalog.planFor(finding(row.ruleId(), row.facts(), row.diagnosis()), row.facts());

        String outcome;
        if (plan instanceof Automatic automatic) {
            outcome = automatic.action().name();
        } else if (plan instanceof ManualSteps manual) {
            outcome = "MANUAL:" + manual.obstacle();
        } else {
            outcome = "NONE";
            assertTrue(!((NoRemediation) plan).reason().isBlank());
        }
        assertEquals(row.expected(), outcome);
    }

    @Test
    void theTableCoversEveryRuleOfEvaluationsCatalog() {
        Matcher ids = Pattern.compile("(?:new Rule|planRule)\\(\\s*\"(CW-[A-Z0-9-]+)\"")
                .matcher(AzureSamples.source(RULE_CATALOG));
        Set<String> catalog = new TreeSet<>();
        while (ids.find()) {
            catalog.add(ids.group(1));
        }
        Set<String> tabled = table().stream()
                .map(Row::ruleId)
                .filter(id -> !id.startsWith(RemediationCatalog.DEFENDER_RECOMMENDATION_PREFIX))
                .collect(Collectors.toCollection(TreeSet::new));

        assertTrue(catalog.size() >= 21, "read the rule IDs of " + RULE_CATALOG + ": " + catalog);
        assertEquals(catalog, tabled);
        catalog.forEach(id -> assertTrue(RemediationCatalog.knows(id), id));
    }

    @Test
    void everyTroubleshootingStepLabelIsRead() {
        Matcher labels =
                Pattern.compile("[A-Z_]+\\((\\d+), \"([^\"]+)\"").matcher(AzureSamples.source(TROUBLESHOOTING_STEP));
        List<String> read = Stream.iterate(labels, Matcher::find, m -> m)
                .map(m -> "Step " + m.group(1) + " (" + m.group(2) + "): detail")
                .toList();

        assertEquals(DiagnosisStep.values().length, read.size(), "labels in " + TROUBLESHOOTING_STEP);
        assertEquals(
                Arrays.asList(DiagnosisStep.values()),
                read.stream()
                        .map(text -> DiagnosisStep.of(text).orElseThrow(() -> new AssertionError(text)))
                        .toList());
    }
}
