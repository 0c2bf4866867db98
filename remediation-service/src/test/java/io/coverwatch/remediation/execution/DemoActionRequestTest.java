package io.coverwatch.remediation.execution;

import static io.coverwatch.remediation.catalog.SeedEstate.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.remediation.catalog.AgentInstall;
import io.coverwatch.remediation.catalog.ExtensionState;
import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.catalog.RemediationCatalog;
import io.coverwatch.remediation.catalog.RemediationPlan.Automatic;
import io.coverwatch.remediation.catalog.ResourceFacts;
import io.coverwatch.remediation.catalog.SeedEstate;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each plan the catalog builds, as the demo estate's action that makes the same change. */
class DemoActionRequestTest {

    @Test
    void theAzureMonitorAgentForProdWeb01IsAnInstallExtensionByPublisherAndType() {
        assertEquals(
                Optional.of(new DemoActionRequest(
                        "install-extension",
                        SeedEstate.PROD_WEB_01,
                        null,
                        "Microsoft.Azure.Monitor",
                        "AzureMonitorWindowsAgent",
                        null,
                        null,
                        null)),
                DemoActionRequest.of(plan("CW-MON-LA-AGENT", SeedEstate.prodWeb01(), RemediationAction.INSTALL_AMA)));
    }

    @Test
    void theMdeSensorIsAnInstallExtensionToo() {
        DemoActionRequest request = DemoActionRequest.of(
                        plan("CW-XSIG-MDE-NOT-DEPLOYED", SeedEstate.prodWeb01(), RemediationAction.INSTALL_MDE))
                .orElseThrow();

        assertEquals("install-extension", request.action());
        assertEquals("Microsoft.Azure.AzureDefenderForServers", request.publisher());
        assertEquals("MDE.Windows", request.type());
    }

    @Test
    void devTest03sSilentAgentIsReinstalledByPublisherAndTypeNotByName() {
        ResourceFacts devTest03 = SeedEstate.devTest03()
                .withExtension(AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("ama-custom-name", "Failed"));

        DemoActionRequest request = DemoActionRequest.of(
                        plan("CW-AGENT-AMA-DOWN", devTest03, RemediationAction.REINSTALL_EXTENSION))
                .orElseThrow();

        assertEquals(
                new DemoActionRequest(
                        "install-extension",
                        SeedEstate.DEV_TEST_03,
                        null,
                        "Microsoft.Azure.Monitor",
                        "AzureMonitorLinuxAgent",
                        null,
                        null,
                        null),
                request);
    }

    @Test
    void defenderForServersOnTheDevSubscriptionIsEnablePlanWithItsSubPlan() {
        assertEquals(
                Optional.of(new DemoActionRequest(
                        "enable-plan",
                        null,
                        SeedEstate.DEV_SUBSCRIPTION_ID,
                        null,
                        null,
                        "VirtualMachines",
                        "P2",
                        null)),
                DemoActionRequest.of(
                        plan("CW-DEF-SERVERS", SeedEstate.devSubscription(), RemediationAction.ENABLE_DEFENDER_PLAN)));
    }

    @Test
    void aPlanWithoutSubPlanSendsNone() {
        DemoActionRequest request = DemoActionRequest.of(
                        plan("CW-DEF-KEYVAULT", SeedEstate.devSubscription(), RemediationAction.ENABLE_DEFENDER_PLAN))
                .orElseThrow();

        assertEquals("KeyVaults", request.plan());
        assertEquals(null, request.subPlan());
    }

    @Test
    void autoProvisioningIsTurnedOnForTheSubscription() {
        assertEquals(
                Optional.of(new DemoActionRequest(
                        "enable-auto-provisioning",
                        null,
                        SeedEstate.DEV_SUBSCRIPTION_ID,
                        null,
                        null,
                        null,
                        null,
                        null)),
                DemoActionRequest.of(
                        plan("CW-PROV-AMA", SeedEstate.devSubscription(), RemediationAction.ENABLE_AUTO_PROVISIONING)));
    }

    @Test
    void theDataCollectionRuleIsAssociatedWithTheMachine() {
        ResourceFacts prodWeb01 = SeedEstate.prodWeb01()
                .withExtension(
                        AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AzureMonitorWindowsAgent", "Succeeded"))
                .withDataCollectionRules(Set.of(), SeedEstate.SECURITY_EVENTS_DCR);

        assertEquals(
                Optional.of(new DemoActionRequest(
                        "associate-dcr",
                        SeedEstate.PROD_WEB_01,
                        null,
                        null,
                        null,
                        null,
                        null,
                        SeedEstate.SECURITY_EVENTS_DCR)),
                DemoActionRequest.of(plan("CW-XSIG-AMA-NOT-COLLECTING", prodWeb01, RemediationAction.ASSOCIATE_DCR)));
    }

    @Test
    void theDemoEstateHasNoPolicyExemption() {
        ResourceFacts prodWeb01 =
                SeedEstate.prodWeb01().withExtensionPolicyAssignment(SeedEstate.DENY_EXTENSIONS_ASSIGNMENT);
        Automatic exemption = (Automatic) RemediationCatalog.planFor(
                finding(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01,
                        TroubleshootingStep.EXTENSION_POLICY,
                        "an Azure Policy denies VM extensions"),
                prodWeb01);

        assertEquals(RemediationAction.CREATE_POLICY_EXEMPTION, exemption.action());
        assertTrue(DemoActionRequest.of(exemption).isEmpty());
    }

    private static Automatic plan(String rule, ResourceFacts facts, RemediationAction expected) {
        Automatic plan = (Automatic) RemediationCatalog.planFor(finding(rule, facts, null), facts);
        assertEquals(expected, plan.action(), "the catalog's plan for " + rule);
        return plan;
    }
}
