package io.coverwatch.remediation.catalog;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import java.time.Instant;
import java.util.Map;

/** Seed 001's estate: prod-web-01 and prod-db-01 in production, dev-test-03 and the dev-subscription. */
public final class SeedEstate {

    public static final String PROD_SUBSCRIPTION_ID = "11111111-1111-1111-1111-111111111111";
    public static final String DEV_SUBSCRIPTION_ID = "22222222-2222-2222-2222-222222222222";
    public static final String DEV_SUBSCRIPTION = "/subscriptions/" + DEV_SUBSCRIPTION_ID;
    public static final String PROD_WEB_01 = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/prod-web-01";
    public static final String LEGACY_APP_01 = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/legacy-app-01";
    public static final String DEV_TEST_03 = "/subscriptions/" + DEV_SUBSCRIPTION_ID
            + "/resourceGroups/rg-dev/providers/Microsoft.HybridCompute/machines/dev-test-03";
    public static final String SECURITY_EVENTS_DCR = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/resourceGroups/rg-monitoring/providers/Microsoft.Insights/dataCollectionRules/security-events-common";
    public static final String DENY_EXTENSIONS_ASSIGNMENT = "/subscriptions/" + PROD_SUBSCRIPTION_ID
            + "/providers/Microsoft.Authorization/policyAssignments/deny-vm-extensions";

    /** When the findings opened. */
    public static final Instant OPENED = Instant.parse("2026-11-23T08:00:00Z");

    private SeedEstate() {}

    /** prod-web-01: a running Windows Server 2022 VM in UK South without any agent. */
    public static ResourceFacts prodWeb01() {
        return ResourceFacts.machine(
                PROD_WEB_01, MachineHost.AZURE_VM, "uksouth", OsType.WINDOWS, "Windows Server 2022 Datacenter");
    }

    /** dev-test-03: an Arc-enabled Ubuntu machine whose Azure Monitor Agent last sent a heartbeat 4 hours ago. */
    public static ResourceFacts devTest03() {
        return ResourceFacts.machine(DEV_TEST_03, MachineHost.ARC_MACHINE, "uksouth", OsType.LINUX, "Ubuntu 22.04")
                .withExtension(
                        AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AzureMonitorLinuxAgent", "Succeeded"))
                .withExtension(AgentInstall.DEFENDER_FOR_ENDPOINT, new ExtensionState("MDE.Linux", "Succeeded"));
    }

    /** legacy-app-01: Windows Server 2012 R2, which needs the legacy agent. */
    public static ResourceFacts legacyApp01() {
        return ResourceFacts.machine(
                        LEGACY_APP_01,
                        MachineHost.AZURE_VM,
                        "uksouth",
                        OsType.WINDOWS,
                        "Windows Server 2012 R2 Datacenter")
                .withOs("Windows Server 2012 R2 Datacenter", OsSupport.LEGACY_AGENT_ONLY);
    }

    public static ResourceFacts devSubscription() {
        return ResourceFacts.subscription(DEV_SUBSCRIPTION, Map.of("env", "dev"));
    }

    public static Finding finding(String ruleId, ResourceFacts facts, String diagnosis) {
        return finding(ruleId, facts, diagnosis, null, OPENED);
    }

    /** A finding whose machine's troubleshooting walk stopped at this step, described as evaluation describes it. */
    public static Finding finding(String ruleId, ResourceFacts facts, TroubleshootingStep step, String detail) {
        return finding(ruleId, facts, "Step " + step.number() + " (" + step.label() + "): " + detail, step, OPENED);
    }

    public static Finding finding(String ruleId, ResourceFacts facts, String diagnosis, Instant opened) {
        return finding(ruleId, facts, diagnosis, null, opened);
    }

    private static Finding finding(
            String ruleId, ResourceFacts facts, String diagnosis, TroubleshootingStep step, Instant opened) {
        return new Finding(
                Finding.idFor(ruleId, facts.resourceId()),
                ruleId,
                ruleId + " title",
                Severity.HIGH,
                facts.resourceId(),
                facts.resourceType(),
                Target.of(facts.resourceId(), null).subscriptionId(),
                FindingStatus.OPEN,
                diagnosis,
                null,
                opened,
                opened.plusSeconds(600),
                null,
                facts.tags(),
                step);
    }
}
