package io.coverwatch.remediation.catalog;

import static io.coverwatch.remediation.catalog.SeedEstate.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.RuleId;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.remediation.catalog.RemediationPlan.Automatic;
import io.coverwatch.remediation.catalog.RemediationPlan.ManualSteps;
import io.coverwatch.remediation.catalog.RemediationPlan.NoRemediation;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in rule, and every troubleshooting step a machine's walk can stop at, has its plan here. */
class RuleCoverageTest {

    /** One rule on a representative resource, and the plan it gets: an action, MANUAL:obstacle, or NONE. */
    record Row(String ruleId, ResourceFacts facts, TroubleshootingStep step, String expected) {
        @Override
        public String toString() {
            return ruleId + (step == null ? "" : " [" + step + "]") + " → " + expected;
        }
    }

    static List<Row> table() {
        ResourceFacts prodWeb01 = SeedEstate.prodWeb01();
        ResourceFacts withAma = prodWeb01.withExtension(
                AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AzureMonitorWindowsAgent", "Succeeded"));
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
                new Row("CW-MON-NOT-MONITORED", prodWeb01, TroubleshootingStep.SERVERS_PLAN, "NONE"),
                new Row("CW-MON-NOT-MONITORED", prodWeb01, TroubleshootingStep.AUTO_PROVISIONING, "NONE"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        SeedEstate.legacyApp01(),
                        TroubleshootingStep.OPERATING_SYSTEM,
                        "MANUAL:UNSUPPORTED_OS"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01,
                        TroubleshootingStep.OUTBOUND_CONNECTIVITY,
                        "MANUAL:NETWORK_BLOCKED"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01.withExtensionPolicyAssignment(SeedEstate.DENY_EXTENSIONS_ASSIGNMENT),
                        TroubleshootingStep.EXTENSION_POLICY,
                        "CREATE_POLICY_EXEMPTION"),
                new Row(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01,
                        TroubleshootingStep.PERMISSIONS,
                        "MANUAL:MISSING_PERMISSIONS"),
                new Row("CW-MON-NOT-MONITORED", prodWeb01, TroubleshootingStep.EXTENSION_STATUS, "INSTALL_AMA"),
                new Row("CW-MON-NOT-MONITORED", withAma, TroubleshootingStep.EXTENSION_STATUS, "INSTALL_MDE"),
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
        Finding finding = row.step() == null
                ? finding(row.ruleId(), row.facts(), (String) null)
                : finding(row.ruleId(), row.facts(), row.step(), "detail");
        RemediationPlan plan = RemediationCatalog.planFor(finding, row.facts());

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
    void theTableCoversEveryBuiltInRule() {
        Set<RuleId> tabled = table().stream()
                .map(Row::ruleId)
                .flatMap(id -> RuleId.of(id).stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RuleId.class)));

        assertEquals(EnumSet.allOf(RuleId.class), tabled);
        tabled.forEach(rule -> assertTrue(RemediationCatalog.knows(rule), rule.id()));
    }

    @Test
    void theTableCoversEveryTroubleshootingStep() {
        Set<TroubleshootingStep> tabled = table().stream()
                .map(Row::step)
                .filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TroubleshootingStep.class)));

        assertEquals(EnumSet.allOf(TroubleshootingStep.class), tabled);
    }
}
