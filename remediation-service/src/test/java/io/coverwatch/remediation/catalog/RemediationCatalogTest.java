package io.coverwatch.remediation.catalog;

import static io.coverwatch.remediation.catalog.AzureSamples.assertFieldsWithin;
import static io.coverwatch.remediation.catalog.AzureSamples.assertMentions;
import static io.coverwatch.remediation.catalog.AzureSamples.file;
import static io.coverwatch.remediation.catalog.AzureSamples.parse;
import static io.coverwatch.remediation.catalog.SeedEstate.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.remediation.catalog.RemediationPlan.Automatic;
import io.coverwatch.remediation.catalog.RemediationPlan.ManualSteps;
import io.coverwatch.remediation.catalog.RemediationPlan.NoRemediation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RemediationCatalogTest {

    @Test
    void prodWeb01WithoutAnAgentGetsTheWindowsAzureMonitorAgentInTheShapeOfTheOfficialExample() {
        Automatic plan = (Automatic) RemediationCatalog.planFor(
                finding("CW-MON-LA-AGENT", SeedEstate.prodWeb01(), "no monitoring agent extension is installed"),
                SeedEstate.prodWeb01());

        assertEquals(RemediationAction.INSTALL_AMA, plan.action());
        assertEquals(SeedEstate.PROD_WEB_01, plan.target().resourceId());
        assertEquals("PUT", plan.request().method());
        assertEquals(
                SeedEstate.PROD_WEB_01 + "/extensions/AzureMonitorWindowsAgent?api-version=2025-04-01",
                plan.request().path());
        JsonNode body = parse(plan.request().body());
        assertEquals("uksouth", body.path("location").asText());
        JsonNode properties = body.path("properties");
        assertEquals("Microsoft.Azure.Monitor", properties.path("publisher").asText());
        assertEquals("AzureMonitorWindowsAgent", properties.path("type").asText());
        assertEquals("1.1", properties.path("typeHandlerVersion").asText());
        assertTrue(properties.path("autoUpgradeMinorVersion").asBoolean());
        JsonNode sample = file("compute/virtualmachineextensions_get.json")
                .path("responses")
                .path("200")
                .path("body");
        assertFieldsWithin(body, sample);
        assertFieldsWithin(properties, sample.path("properties"));
        assertTrue(plan.request().secret().isEmpty(), "the AMA needs no secret");
    }

    @Test
    void anArcLinuxMachineGetsTheLinuxAgentUnderHybridCompute() {
        ResourceFacts arc = ResourceFacts.machine(
                SeedEstate.DEV_TEST_03, MachineHost.ARC_MACHINE, "uksouth", OsType.LINUX, "Ubuntu 22.04");

        Automatic plan = (Automatic) RemediationCatalog.planFor(finding("CW-MON-LA-AGENT", arc, null), arc);

        assertEquals(
                SeedEstate.DEV_TEST_03 + "/extensions/AzureMonitorLinuxAgent?api-version=2025-01-13",
                plan.request().path());
        JsonNode properties = parse(plan.request().body()).path("properties");
        assertEquals("AzureMonitorLinuxAgent", properties.path("type").asText());
        assertEquals("1.36", properties.path("typeHandlerVersion").asText());
        JsonNode sample = file("hybridcompute/machineextensions_get.json")
                .path("responses")
                .path("200")
                .path("body");
        assertFieldsWithin(properties, sample.path("properties"));
    }

    @Test
    void devSubscriptionWithoutDefenderForServersGetsThePlanAtTierStandard() {
        Automatic plan = (Automatic) RemediationCatalog.planFor(
                finding("CW-DEF-SERVERS", SeedEstate.devSubscription(), null), SeedEstate.devSubscription());

        assertEquals(RemediationAction.ENABLE_DEFENDER_PLAN, plan.action());
        assertEquals(SeedEstate.DEV_SUBSCRIPTION, plan.target().resourceId());
        assertEquals(
                SeedEstate.DEV_SUBSCRIPTION + "/providers/Microsoft.Security/pricings/VirtualMachines"
                        + "?api-version=2024-01-01",
                plan.request().path());
        assertEquals(
                "{\"properties\":{\"pricingTier\":\"Standard\",\"subPlan\":\"P2\"}}",
                plan.request().body().text());
        JsonNode sample = file("security/pricings_get_virtualmachines.json")
                .path("responses")
                .path("200")
                .path("body");
        assertFieldsWithin(parse(plan.request().body()).path("properties"), sample.path("properties"));
    }

    @Test
    void defenderForSqlOnAnalyticsDbTurnsThePlanOnForItsSubscription() {
        String analyticsDb = "/subscriptions/" + SeedEstate.PROD_SUBSCRIPTION_ID
                + "/resourceGroups/rg-data/providers/Microsoft.Sql/servers/analytics-db";
        ResourceFacts facts = new ResourceFacts(
                analyticsDb,
                "Microsoft.Sql/servers",
                null,
                "uksouth",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);

        Automatic plan = (Automatic) RemediationCatalog.planFor(finding("CW-DEF-SQL", facts, null), facts);

        assertEquals(
                "/subscriptions/" + SeedEstate.PROD_SUBSCRIPTION_ID,
                plan.target().resourceId());
        assertEquals(
                "/subscriptions/" + SeedEstate.PROD_SUBSCRIPTION_ID
                        + "/providers/Microsoft.Security/pricings/SqlServers" + "?api-version=2024-01-01",
                plan.request().path());
        assertEquals(
                "{\"properties\":{\"pricingTier\":\"Standard\"}}",
                plan.request().body().text());
    }

    @Test
    void windowsServer2012R2GetsManualStepsNamingTheLegacyAgent() {
        ManualSteps steps = (ManualSteps) RemediationCatalog.planFor(
                finding("CW-MON-LA-AGENT", SeedEstate.legacyApp01(), null), SeedEstate.legacyApp01());

        assertEquals(Obstacle.UNSUPPORTED_OS, steps.obstacle());
        assertMentions(steps.reason(), "Windows Server 2012 R2", "legacy Log Analytics agent (MMA)");
        assertMentions(steps.steps().get(0), "MicrosoftMonitoringAgent", "legacy-app-01");
        assertMentions(steps.steps().get(1), "upgrade");
    }

    @Test
    void aPolicyBlockedMachineGetsAnExemptionForTheDefenderExtensionsInTheSampleShape() {
        ResourceFacts facts =
                SeedEstate.prodWeb01().withExtensionPolicyAssignment(SeedEstate.DENY_EXTENSIONS_ASSIGNMENT);
        Finding finding = finding(
                "CW-MON-NOT-MONITORED",
                facts,
                TroubleshootingStep.EXTENSION_POLICY,
                "an Azure Policy denies VM extensions: create a policy exemption for the Defender for Cloud extensions"
                        + " (MDE, AMA, vulnerability assessment)");

        Automatic plan = (Automatic) RemediationCatalog.planFor(finding, facts);

        assertEquals(RemediationAction.CREATE_POLICY_EXEMPTION, plan.action());
        assertEquals(
                SeedEstate.PROD_WEB_01 + "/providers/Microsoft.Authorization/policyExemptions/"
                        + "coverwatch-defender-extensions?api-version=2024-12-01-preview",
                plan.request().path());
        JsonNode properties = parse(plan.request().body()).path("properties");
        assertEquals(
                SeedEstate.DENY_EXTENSIONS_ASSIGNMENT,
                properties.path("policyAssignmentId").asText());
        assertEquals("Waiver", properties.path("exemptionCategory").asText());
        assertEquals(
                "policy assignment " + SeedEstate.DENY_EXTENSIONS_ASSIGNMENT
                        + " denies the Defender for Cloud extensions"
                        + " on prod-web-01 (troubleshooting step 5, Azure Policy)",
                properties.path("metadata").path("reason").asText());
        Automatic fromTheAgentRule = (Automatic) RemediationCatalog.planFor(
                finding("CW-MON-LA-AGENT", facts, TroubleshootingStep.EXTENSION_POLICY, "no monitoring agent"), facts);
        assertEquals(plan.request(), fromTheAgentRule.request(), "every finding of the machine plans the same request");
        JsonNode sample = file("policy/policyexemptions_create_or_update.json")
                .path("parameters")
                .path("parameters");
        assertFieldsWithin(properties, sample.path("properties"));
    }

    @Test
    void aPolicyBlockWithoutTheAssignmentIsLeftToAPersonWithTheSeedsResolution() {
        ManualSteps steps = (ManualSteps) RemediationCatalog.planFor(
                finding("CW-MON-NOT-MONITORED", SeedEstate.prodWeb01(), TroubleshootingStep.EXTENSION_POLICY, "denied"),
                SeedEstate.prodWeb01());

        assertEquals(Obstacle.MISSING_FACTS, steps.obstacle());
        assertMentions(steps.steps().get(1), "policy exemption", "MDE, AMA, vulnerability assessment");
    }

    @Test
    void blockedOutboundConnectivityNamesTheServiceTagsAndThePrivateLink() {
        ManualSteps steps = (ManualSteps) RemediationCatalog.planFor(
                finding(
                        "CW-MON-NOT-MONITORED",
                        SeedEstate.prodWeb01(),
                        TroubleshootingStep.OUTBOUND_CONNECTIVITY,
                        "no outbound"),
                SeedEstate.prodWeb01());

        assertEquals(Obstacle.NETWORK_BLOCKED, steps.obstacle());
        assertMentions(steps.steps().get(0), "AzureMonitor", "AzureActiveDirectory", "AzureResourceManager");
        assertMentions(steps.steps().get(1), "private link for Azure Monitor");
    }

    @Test
    void missingPermissionsNameTheRoleForTheKindOfMachine() {
        String detail = "AzureMonitorWindowsAgent failed for missing permissions";

        ManualSteps vm = (ManualSteps) RemediationCatalog.planFor(
                finding("CW-MON-NOT-MONITORED", SeedEstate.prodWeb01(), TroubleshootingStep.PERMISSIONS, detail),
                SeedEstate.prodWeb01());
        ManualSteps arc = (ManualSteps) RemediationCatalog.planFor(
                finding("CW-MON-NOT-MONITORED", SeedEstate.devTest03(), TroubleshootingStep.PERMISSIONS, detail),
                SeedEstate.devTest03());

        assertEquals(Obstacle.MISSING_PERMISSIONS, vm.obstacle());
        assertMentions(vm.steps().get(0), "Virtual Machine Contributor", "rg-prod");
        assertMentions(arc.steps().get(0), "Azure Connected Machine Resource Administrator", "rg-dev");
        assertMentions(vm.steps().get(1), "Security Admin");
    }

    @Test
    void theFirstTwoStepsAreLeftToTheSubscriptionsOwnFindingsWhichTurnOnThePlanAndAutoProvisioning() {
        // an installed agent that fell silent is not explained by the plan being off: it keeps its own plan
        assertFalse(
                RemediationCatalog.planFor(
                                finding(
                                        "CW-AGENT-AMA-DOWN",
                                        SeedEstate.prodWeb01(),
                                        TroubleshootingStep.SERVERS_PLAN,
                                        "off"),
                                SeedEstate.prodWeb01())
                        instanceof NoRemediation);
        for (String rule : MACHINE_AGENT_RULES.subList(0, 3)) {
            NoRemediation plan = (NoRemediation) RemediationCatalog.planFor(
                    finding(rule, SeedEstate.prodWeb01(), TroubleshootingStep.SERVERS_PLAN, "off"),
                    SeedEstate.prodWeb01());
            NoRemediation provisioning = (NoRemediation) RemediationCatalog.planFor(
                    finding(rule, SeedEstate.prodWeb01(), TroubleshootingStep.AUTO_PROVISIONING, "off"),
                    SeedEstate.prodWeb01());

            assertMentions(plan.reason(), "CW-DEF-SERVERS", "prod-web-01");
            assertMentions(provisioning.reason(), "CW-PROV-AMA", "CW-PROV-MDE");
        }
        ResourceFacts prodSubscription =
                ResourceFacts.subscription("/subscriptions/" + SeedEstate.PROD_SUBSCRIPTION_ID, Map.of());
        Automatic provisioning = (Automatic)
                RemediationCatalog.planFor(finding("CW-PROV-AMA", prodSubscription, null), prodSubscription);
        assertEquals(RemediationAction.ENABLE_AUTO_PROVISIONING, provisioning.action());
        assertEquals(
                "/subscriptions/" + SeedEstate.PROD_SUBSCRIPTION_ID
                        + "/providers/Microsoft.Security/autoProvisioningSettings/default?api-version=2017-08-01-preview",
                provisioning.request().path());
        JsonNode sample = file("security/autoprovisioningsettings_get.json")
                .path("responses")
                .path("200")
                .path("body");
        assertEquals(
                sample.path("properties"), parse(provisioning.request().body()).path("properties"));
    }

    @Test
    void anExemptedSubscriptionsServersPlanFindingGetsNoPlan() {
        Finding exempted = excluded(
                finding("CW-DEF-SERVERS", SeedEstate.devSubscription(), null),
                "exempted by the SOC until 2027-01-31: dev-subscription holds no production data");

        NoRemediation plan = (NoRemediation) RemediationCatalog.planFor(exempted, SeedEstate.devSubscription());

        assertMentions(plan.reason(), "excluded", "exempted by the SOC until 2027-01-31");
    }

    @Test
    void anExcludedMachineFindingGetsNoInstallEither() {
        Finding azureLocal = excluded(
                finding("CW-MON-LA-AGENT", SeedEstate.prodWeb01(), "no monitoring agent extension is installed"),
                "Azure Local: monitored through the instance's own agent");

        assertInstanceOf(NoRemediation.class, RemediationCatalog.planFor(azureLocal, SeedEstate.prodWeb01()));
    }

    @Test
    void aMachineWithOutboundBlockedGetsTheSameManualPlanFromEveryRuleAndNeverAnInstall() {
        ManualSteps plan = samePlanFromEveryMachineRule(
                SeedEstate.prodWeb01(), TroubleshootingStep.OUTBOUND_CONNECTIVITY, "no outbound HTTPS");

        assertEquals(Obstacle.NETWORK_BLOCKED, plan.obstacle());
    }

    @Test
    void aMachineWhoseOsIsUnsupportedGetsTheSameManualPlanFromEveryRuleAndNeverAnInstall() {
        ManualSteps plan = samePlanFromEveryMachineRule(
                SeedEstate.legacyApp01(), TroubleshootingStep.OPERATING_SYSTEM, "Windows Server 2012 R2");

        assertEquals(Obstacle.UNSUPPORTED_OS, plan.obstacle());
    }

    @Test
    void aPolicyDeniedMachineWithoutTheAssignmentGetsTheSameManualPlanFromEveryRuleAndNeverAnInstall() {
        ManualSteps plan =
                samePlanFromEveryMachineRule(SeedEstate.prodWeb01(), TroubleshootingStep.EXTENSION_POLICY, "denied");

        assertEquals(Obstacle.MISSING_FACTS, plan.obstacle());
    }

    @Test
    void aMachineMissingPermissionsGetsTheSameManualPlanFromEveryRuleAndNeverAnInstall() {
        ManualSteps plan = samePlanFromEveryMachineRule(
                SeedEstate.prodWeb01(), TroubleshootingStep.PERMISSIONS, "AuthorizationFailed");

        assertEquals(Obstacle.MISSING_PERMISSIONS, plan.obstacle());
    }

    @Test
    void aPolicyDeniedMachineWithItsAssignmentGetsTheExemptionNamingItFromEveryRule() {
        ResourceFacts denied =
                SeedEstate.prodWeb01().withExtensionPolicyAssignment(SeedEstate.DENY_EXTENSIONS_ASSIGNMENT);

        for (String rule : MACHINE_AGENT_RULES) {
            Automatic plan = (Automatic) RemediationCatalog.planFor(
                    finding(rule, denied, TroubleshootingStep.EXTENSION_POLICY, "denied"), denied);

            assertEquals(RemediationAction.CREATE_POLICY_EXEMPTION, plan.action(), rule);
            assertEquals(
                    SeedEstate.DENY_EXTENSIONS_ASSIGNMENT,
                    parse(plan.request().body())
                            .path("properties")
                            .path("policyAssignmentId")
                            .asText(),
                    rule);
        }
    }

    @Test
    void aFailedAgentExtensionIsReappliedUnderItsOwnName() {
        ResourceFacts facts = SeedEstate.prodWeb01()
                .withExtension(AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AMA", "Failed"));

        Automatic plan = (Automatic) RemediationCatalog.planFor(
                finding(
                        "CW-MON-NOT-MONITORED",
                        facts,
                        TroubleshootingStep.EXTENSION_STATUS,
                        "AzureMonitorWindowsAgent failed: x"),
                facts);

        assertEquals(RemediationAction.REINSTALL_EXTENSION, plan.action());
        assertEquals(
                SeedEstate.PROD_WEB_01 + "/extensions/AMA?api-version=2025-04-01",
                plan.request().path());
        assertEquals(
                SeedEstate.OPENED.plusSeconds(600).toString(),
                parse(plan.request().body())
                        .path("properties")
                        .path("forceUpdateTag")
                        .asText());
    }

    @Test
    void aMissingDefenderSensorIsInstalledWithTheOnboardingPackageReadAtExecution() {
        ResourceFacts facts = SeedEstate.prodWeb01()
                .withExtension(
                        AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AzureMonitorWindowsAgent", "Succeeded"));

        Automatic plan =
                (Automatic) RemediationCatalog.planFor(finding("CW-XSIG-MDE-NOT-DEPLOYED", facts, null), facts);

        assertEquals(RemediationAction.INSTALL_MDE, plan.action());
        assertEquals(
                SeedEstate.PROD_WEB_01 + "/extensions/MDE.Windows?api-version=2025-04-01",
                plan.request().path());
        JsonNode properties = parse(plan.request().body()).path("properties");
        assertEquals(
                "Microsoft.Azure.AzureDefenderForServers",
                properties.path("publisher").asText());
        assertEquals("MDE.Windows", properties.path("type").asText());
        assertEquals(
                SeedEstate.PROD_WEB_01,
                properties.path("settings").path("azureResourceId").asText());
        assertTrue(properties.path("protectedSettings").isMissingNode(), "the secret never sits in the plan");
        ProtectedSetting secret = plan.request().secret().orElseThrow();
        assertEquals("defenderForEndpointOnboardingScript", secret.name());
        assertEquals("onboardingPackageWindows", secret.sourceField());
        assertMentions(plan.request().describe(), "mdeOnboardings?api-version=2021-10-01-preview");
    }

    @Test
    void devTest03sSilentAgentIsReinstalledAndAPoweredOffMachineIsLeftToAPerson() {
        Automatic plan = (Automatic) RemediationCatalog.planFor(
                finding("CW-AGENT-AMA-DOWN", SeedEstate.devTest03(), "last Azure Monitor Agent heartbeat 4 hours ago"),
                SeedEstate.devTest03());
        ResourceFacts off = SeedEstate.prodWeb01()
                .withExtension(AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AMA", "Succeeded"))
                .withPowerState(PowerState.POWERED_OFF);
        ManualSteps steps = (ManualSteps) RemediationCatalog.planFor(finding("CW-AGENT-AMA-DOWN", off, null), off);

        assertEquals(RemediationAction.REINSTALL_EXTENSION, plan.action());
        assertEquals(
                SeedEstate.DEV_TEST_03 + "/extensions/AzureMonitorLinuxAgent?api-version=2025-01-13",
                plan.request().path());
        assertEquals(Obstacle.POWERED_OFF, steps.obstacle());
        assertMentions(steps.steps().get(0), "Start prod-web-01");
    }

    @Test
    void anAgentThatCollectsNothingGetsTheConfiguredDataCollectionRuleInTheSampleShape() {
        ResourceFacts facts = SeedEstate.prodWeb01()
                .withExtension(
                        AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AzureMonitorWindowsAgent", "Succeeded"))
                .withDataCollectionRules(Set.of(), SeedEstate.SECURITY_EVENTS_DCR);

        Automatic plan =
                (Automatic) RemediationCatalog.planFor(finding("CW-XSIG-AMA-NOT-COLLECTING", facts, null), facts);
        RemediationPlan associated = RemediationCatalog.planFor(
                finding("CW-XSIG-AMA-NOT-COLLECTING", facts, null),
                facts.withDataCollectionRules(Set.of(SeedEstate.SECURITY_EVENTS_DCR), SeedEstate.SECURITY_EVENTS_DCR));

        assertEquals(RemediationAction.ASSOCIATE_DCR, plan.action());
        assertEquals(
                SeedEstate.PROD_WEB_01 + "/providers/Microsoft.Insights/dataCollectionRuleAssociations/"
                        + "coverwatch-security-events-common?api-version=2024-03-11",
                plan.request().path());
        JsonNode properties = parse(plan.request().body()).path("properties");
        assertEquals(
                SeedEstate.SECURITY_EVENTS_DCR,
                properties.path("dataCollectionRuleId").asText());
        JsonNode sample = file("insights/datacollectionruleassociations_list_by_resource.json")
                .path("responses")
                .path("200")
                .path("body")
                .path("value")
                .path(0);
        assertFieldsWithin(properties, sample.path("properties"));
        assertEquals(
                Obstacle.JUDGEMENT,
                assertInstanceOf(ManualSteps.class, associated).obstacle());
    }

    @Test
    void theNotMonitoredFallbackWithoutAFailingStepAssociatesTheRule() {
        ResourceFacts facts = SeedEstate.prodWeb01()
                .withExtension(
                        AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AzureMonitorWindowsAgent", "Succeeded"))
                .withExtension(AgentInstall.DEFENDER_FOR_ENDPOINT, new ExtensionState("MDE.Windows", "Succeeded"))
                .withDataCollectionRules(Set.of(), SeedEstate.SECURITY_EVENTS_DCR);

        RemediationPlan plan = RemediationCatalog.planFor(
                finding("CW-MON-NOT-MONITORED", facts, "no data collection rule is associated with the machine"),
                facts);

        assertEquals(
                RemediationAction.ASSOCIATE_DCR,
                assertInstanceOf(Automatic.class, plan).action());
    }

    /** The rules that would install, reinstall or configure an agent on a machine whose walk reached its extensions. */
    private static final List<String> MACHINE_AGENT_RULES =
            List.of("CW-MON-LA-AGENT", "CW-MON-NOT-MONITORED", "CW-XSIG-MDE-NOT-DEPLOYED", "CW-AGENT-AMA-DOWN");

    /** Every machine rule's plan for a machine whose walk stopped at this step: one and the same manual plan. */
    private static ManualSteps samePlanFromEveryMachineRule(
            ResourceFacts facts, TroubleshootingStep step, String detail) {
        List<RemediationPlan> plans = MACHINE_AGENT_RULES.stream()
                .map(rule -> RemediationCatalog.planFor(finding(rule, facts, step, detail), facts))
                .toList();
        plans.forEach(plan -> assertInstanceOf(ManualSteps.class, plan, "no automatic install past step " + step));
        assertEquals(1, Set.copyOf(plans).size(), "one plan for the machine, whatever rule found it: " + plans);
        return (ManualSteps) plans.get(0);
    }

    private static Finding excluded(Finding finding, String reason) {
        return new Finding(
                finding.findingId(),
                finding.ruleId(),
                finding.title(),
                finding.severity(),
                finding.resourceId(),
                finding.resourceType(),
                finding.subscriptionId(),
                FindingStatus.EXCLUDED,
                finding.diagnosis(),
                finding.remediation(),
                finding.firstSeen(),
                finding.lastSeen(),
                reason,
                finding.resourceTags(),
                finding.diagnosisStep());
    }
}
