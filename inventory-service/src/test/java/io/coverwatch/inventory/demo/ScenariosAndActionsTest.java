package io.coverwatch.inventory.demo;

import static io.coverwatch.inventory.demo.ShippedEstate.DEV_SUBSCRIPTION;
import static io.coverwatch.inventory.demo.ShippedEstate.DEV_SUBSCRIPTION_ID;
import static io.coverwatch.inventory.demo.ShippedEstate.DEV_TEST_03;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_DB_01;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_WEB_01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.contracts.ArcMachineDetails;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScenariosAndActionsTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String AMA = "Microsoft.Azure.Monitor";
    private static final String MDE = "Microsoft.Azure.AzureDefenderForServers";
    private static final String AWS_WEB_01 = "/subscriptions/33333333-3333-3333-3333-333333333333"
            + "/resourceGroups/arc-aws-rg/providers/Microsoft.HybridCompute/machines/aws-web-01";

    private static DemoRequest on(String resourceId) {
        return new DemoRequest(null, resourceId, null, null, null, null, null, null, null, null, null);
    }

    private static DemoRequest extension(String resourceId, String publisher, String type, String statusMessage) {
        return new DemoRequest(null, resourceId, null, publisher, type, statusMessage, null, null, null, null, null);
    }

    private static DemoRequest plan(String subscriptionId, String plan) {
        return new DemoRequest(null, null, subscriptionId, null, null, null, plan, null, null, null, null);
    }

    private static List<String> categories(DemoResource demo) {
        return DemoHeartbeats.at(demo, NOW).stream()
                .map(AgentHeartbeat::category)
                .toList();
    }

    @Test
    void prodDb01SendsAnAzureMonitorAgentHeartbeatNow() {
        List<AgentHeartbeat> heartbeats = DemoHeartbeats.at(ShippedEstate.get(PROD_DB_01), NOW);

        assertEquals(1, heartbeats.size());
        AgentHeartbeat heartbeat = heartbeats.get(0);
        assertEquals(PROD_DB_01, heartbeat.resourceId());
        assertEquals("prod-db-01", heartbeat.computer());
        assertEquals("Azure Monitor Agent", heartbeat.category());
        assertEquals("Windows", heartbeat.osType());
        assertEquals(NOW, heartbeat.timeGenerated());
    }

    @Test
    void devTest03SendsNothingNowAndLastSpokeFourHoursAgo() {
        DemoResource devTest03 = ShippedEstate.get(DEV_TEST_03);

        assertEquals(List.of(), DemoHeartbeats.at(devTest03, NOW));
        AgentHeartbeat last = DemoHeartbeats.last(devTest03, NOW).orElseThrow();
        assertEquals(Instant.parse("2026-11-23T08:00:00Z"), last.timeGenerated());
        assertEquals("Azure Monitor Agent", last.category());
    }

    @Test
    void prodWeb01WithoutAnAgentSendsNoHeartbeatAndTheLegacyMachineSendsDirectAgentOnes() {
        assertEquals(List.of(), categories(ShippedEstate.get(PROD_WEB_01)));
        DemoResource legacy = ShippedEstate.byId().values().stream()
                .filter(demo -> demo.resource().name().equals("prod-legacy-01"))
                .findFirst()
                .orElseThrow();
        assertEquals(List.of("Direct Agent"), categories(legacy));
    }

    @Test
    void anAgentStopsAndItsMachineFallsSilentWithoutChangingTheResource() {
        DemoResource prodDb01 = ShippedEstate.get(PROD_DB_01);

        DemoResource stopped = Scenario.AGENT_STOPS.apply(prodDb01, on(PROD_DB_01), NOW);

        assertEquals(prodDb01.resource(), stopped.resource());
        assertEquals(List.of(), categories(stopped));
    }

    @Test
    void restartingTheLegacyAgentLeavesDevTest03sStoppedAzureMonitorAgentStopped() {
        DemoResource devTest03 = ShippedEstate.get(DEV_TEST_03);
        DemoRequest legacy =
                new DemoRequest(null, DEV_TEST_03, null, null, null, null, null, null, null, "legacy", null);

        DemoResource restarted = Scenario.AGENT_RESTARTS.apply(devTest03, legacy, NOW);

        assertEquals(devTest03.amaHeartbeat(), restarted.amaHeartbeat());
        assertEquals(devTest03.lastHeartbeatAgo(), restarted.lastHeartbeatAgo());
    }

    @Test
    void devTest03sAgentRestartsAndHeartbeatsAgainWithoutChangingTheResource() {
        DemoResource devTest03 = ShippedEstate.get(DEV_TEST_03);

        DemoResource restarted = Scenario.AGENT_RESTARTS.apply(devTest03, on(DEV_TEST_03), NOW);

        assertEquals(devTest03.resource(), restarted.resource());
        assertEquals(List.of("Azure Monitor Agent"), categories(restarted));
    }

    @Test
    void aVmIsPoweredOffAndAnArcMachineDisconnects() {
        DemoResource off = Scenario.VM_POWERED_OFF.apply(ShippedEstate.get(PROD_DB_01), on(PROD_DB_01), NOW);
        assertEquals(
                "PowerState/stopped", ((VirtualMachineDetails) off.resource().details()).powerState());
        assertEquals(List.of(), categories(off));

        DemoResource disconnected = Scenario.VM_POWERED_OFF.apply(ShippedEstate.get(AWS_WEB_01), on(AWS_WEB_01), NOW);
        ArcMachineDetails arc = (ArcMachineDetails) disconnected.resource().details();
        assertEquals("Disconnected", arc.status());
        assertEquals(NOW, arc.lastStatusChange());
    }

    @Test
    void anExtensionIsRemovedByPublisherAndTypeWhateverItsCase() {
        DemoResource removed = Scenario.EXTENSION_REMOVED.apply(
                ShippedEstate.get(PROD_DB_01), extension(PROD_DB_01, MDE.toLowerCase(), "mde.windows", null), NOW);

        List<VmExtension> extensions = Machines.extensions(removed.resource());
        assertTrue(extensions.stream().noneMatch(e -> e.is(MDE, "MDE.Windows")), extensions.toString());
        assertTrue(extensions.stream().anyMatch(e -> e.is(AMA, "AzureMonitorWindowsAgent")));
    }

    @Test
    void anExtensionFailsWithItsStatusMessageAndItsAgentFallsSilent() {
        DemoResource failed = Scenario.EXTENSION_FAILED.apply(
                ShippedEstate.get(PROD_DB_01),
                extension(PROD_DB_01, AMA, "AzureMonitorWindowsAgent", "Enable failed: 403 from the handler"),
                NOW);

        VmExtension ama = Machines.extensions(failed.resource()).stream()
                .filter(Machines::isAzureMonitorAgent)
                .findFirst()
                .orElseThrow();
        assertEquals("Failed", ama.provisioningState());
        assertEquals("Enable failed: 403 from the handler", ama.statusMessage());
        assertEquals(List.of(), categories(failed));
    }

    @Test
    void aPlanIsSwitchedOffOnASubscription() {
        String prod = "11111111-1111-1111-1111-111111111111";
        DemoResource subscription = ShippedEstate.get("/subscriptions/" + prod);

        DemoResource off = Scenario.PLAN_SWITCHED_OFF.apply(subscription, plan(prod, "virtualmachines"), NOW);

        SubscriptionDetails details = (SubscriptionDetails) off.resource().details();
        assertEquals(
                PricingTier.FREE, details.plan("VirtualMachines").orElseThrow().pricingTier());
        assertEquals(
                PricingTier.STANDARD,
                details.plan("StorageAccounts").orElseThrow().pricingTier());
    }

    @Test
    void aPolicyStartsDenyingExtensionsAndInstallingOneIsThenRefused() {
        DemoResource denied =
                Scenario.POLICY_DENIES_EXTENSIONS.apply(ShippedEstate.get(PROD_WEB_01), on(PROD_WEB_01), NOW);
        assertEquals(true, ((VirtualMachineDetails) denied.resource().details()).extensionPolicyDenied());

        assertThrows(
                ActionRefused.class,
                () -> DemoAction.INSTALL_EXTENSION.apply(
                        denied, extension(PROD_WEB_01, AMA, "AzureMonitorWindowsAgent", null), NOW));
    }

    @Test
    void aPolicyNamedInTheScenarioIsCarriedAndNamedWhenAnInstallIsRefused() {
        String assignment = "/subscriptions/11111111-1111-1111-1111-111111111111/providers/"
                + "Microsoft.Authorization/policyAssignments/deny-vm-extensions";
        DemoRequest request =
                new DemoRequest(null, PROD_WEB_01, null, null, null, null, null, null, null, null, assignment);

        DemoResource denied = Scenario.POLICY_DENIES_EXTENSIONS.apply(ShippedEstate.get(PROD_WEB_01), request, NOW);

        VirtualMachineDetails vm = (VirtualMachineDetails) denied.resource().details();
        assertEquals(assignment, vm.extensionPolicyAssignmentId());
        assertEquals(true, vm.extensionPolicyDenied());
        ActionRefused refused = assertThrows(
                ActionRefused.class,
                () -> DemoAction.INSTALL_EXTENSION.apply(
                        denied, extension(PROD_WEB_01, AMA, "AzureMonitorWindowsAgent", null), NOW));
        assertTrue(refused.getMessage().contains("\"id\":\"" + assignment + "\""), refused.getMessage());
    }

    @Test
    void installingTheAzureMonitorAgentOnProdWeb01StartsItsHeartbeats() {
        DemoResource installed = DemoAction.INSTALL_EXTENSION.apply(
                ShippedEstate.get(PROD_WEB_01), extension(PROD_WEB_01, AMA, "AzureMonitorWindowsAgent", null), NOW);

        assertEquals(List.of("Azure Monitor Agent"), categories(installed));
    }

    @Test
    void reinstallingDevTest03sAgentRestartsItsHeartbeats() {
        DemoResource reinstalled = DemoAction.INSTALL_EXTENSION.apply(
                ShippedEstate.get(DEV_TEST_03), extension(DEV_TEST_03, AMA, "AzureMonitorLinuxAgent", null), NOW);

        assertEquals(AgentState.RUNNING, reinstalled.amaHeartbeat());
        assertEquals(Optional.empty(), DemoHeartbeats.last(reinstalled, NOW));
        assertEquals(List.of("Azure Monitor Agent"), categories(reinstalled));
    }

    @Test
    void enablingDefenderForServersOnDevSubscription() {
        DemoRequest request = new DemoRequest(
                "enable-plan", null, DEV_SUBSCRIPTION_ID, null, null, null, "VirtualMachines", "P1", null, null, null);
        assertEquals(DEV_SUBSCRIPTION, request.target());

        DemoResource enabled = DemoAction.ENABLE_PLAN.apply(ShippedEstate.get(DEV_SUBSCRIPTION), request, NOW);

        var servers = ((SubscriptionDetails) enabled.resource().details())
                .plan("VirtualMachines")
                .orElseThrow();
        assertEquals(PricingTier.STANDARD, servers.pricingTier());
        assertEquals("P1", servers.subPlan());
    }

    @Test
    void associatingADataCollectionRuleTwiceChangesNothingTheSecondTime() {
        String rule = "/subscriptions/x/resourceGroups/m/providers/Microsoft.Insights/dataCollectionRules/dcr-1";
        DemoRequest request =
                new DemoRequest("associate-dcr", PROD_WEB_01, null, null, null, null, null, null, rule, null, null);

        DemoResource once = DemoAction.ASSOCIATE_DCR.apply(ShippedEstate.get(PROD_WEB_01), request, NOW);
        DemoResource twice = DemoAction.ASSOCIATE_DCR.apply(once, request, NOW);

        assertEquals(List.of(rule), Machines.dataCollectionRuleIds(once.resource()));
        assertSame(once, twice);
    }

    @Test
    void aRequestThatDoesNotFitItsTargetIsInvalid() {
        assertThrows(
                InvalidDemoRequest.class,
                () -> Scenario.EXTENSION_FAILED.apply(
                        ShippedEstate.get(PROD_WEB_01), extension(PROD_WEB_01, AMA, null, null), NOW));
        assertThrows(
                InvalidDemoRequest.class,
                () -> Scenario.EXTENSION_REMOVED.apply(
                        ShippedEstate.get(PROD_WEB_01),
                        extension(PROD_WEB_01, AMA, "AzureMonitorWindowsAgent", null),
                        NOW));
        assertThrows(
                InvalidDemoRequest.class,
                () -> Scenario.VM_POWERED_OFF.apply(ShippedEstate.get(DEV_SUBSCRIPTION), on(DEV_SUBSCRIPTION), NOW));
        assertThrows(
                InvalidDemoRequest.class,
                () -> Scenario.PLAN_SWITCHED_OFF.apply(ShippedEstate.get(DEV_SUBSCRIPTION), on(DEV_SUBSCRIPTION), NOW));
        assertThrows(InvalidDemoRequest.class, () -> on(null).target());
    }

    @Test
    void scenariosAndActionsAreFoundByTheirApiNames() {
        assertEquals(Optional.of(Scenario.AGENT_STOPS), Scenario.named("agent-stops"));
        assertEquals(Optional.empty(), Scenario.named("AGENT_STOPS"));
        assertEquals(Optional.of(DemoAction.ASSOCIATE_DCR), DemoAction.named("associate-dcr"));
        assertEquals(Optional.empty(), DemoAction.named(null));
    }
}
