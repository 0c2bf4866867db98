package io.coverwatch.evaluation.rules.posture;

import static io.coverwatch.evaluation.rules.SeedEstate.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.WorkspaceSetting;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.rules.Verdict;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seeds 000 and 001's configuration recommendations. */
class PostureTest {

    @Test
    void foundationalCspmIsTheCloudPosturePlanOnAnyTier() {
        // dev-subscription has CloudPosture on Free: that is Foundational CSPM
        assertInstanceOf(
                Verdict.Pass.class, Posture.foundationalCspm(subscriptionInput(SeedEstate.devSubscriptionDetails())));

        SubscriptionDetails withoutCloudPosture = SeedEstate.devSubscriptionDetails()
                .withDefenderPlans(List.of(SeedEstate.plan("VirtualMachines", true, "P1")));
        assertEquals(
                "subscription dev-subscription has no CloudPosture plan: turn on Foundational CSPM (no extra cost)",
                failure(Posture.foundationalCspm(subscriptionInput(withoutCloudPosture))));

        SubscriptionDetails plansUnknown = SeedEstate.devSubscriptionDetails().withDefenderPlans(List.of());
        assertInstanceOf(Verdict.Unknown.class, Posture.foundationalCspm(subscriptionInput(plansUnknown)));
    }

    @Test
    void theBenchmarkInitiativeMustBeAssigned() {
        assertInstanceOf(
                Verdict.Pass.class, Posture.mcsbAssigned(subscriptionInput(SeedEstate.prodSubscriptionDetails())));
        assertInstanceOf(
                Verdict.Fail.class,
                Posture.mcsbAssigned(subscriptionInput(mcsb(SeedEstate.prodSubscriptionDetails(), false))));
        assertInstanceOf(
                Verdict.Unknown.class,
                Posture.mcsbAssigned(subscriptionInput(mcsb(SeedEstate.prodSubscriptionDetails(), null))));
    }

    @Test
    void autoProvisioningPerAgentOnASubscriptionWithServersOnAndMachines() {
        SubscriptionDetails amaOff = SeedEstate.prodSubscriptionDetails()
                .withAutoProvisioning(List.of(
                        new AutoProvisioningSetting("default", true),
                        new AutoProvisioningSetting("AzureMonitorAgent", false)));

        assertEquals(
                "auto-provisioning of the Azure Monitor Agent is off on subscription prod-subscription: turn it on"
                        + " under Environment settings, Auto provisioning",
                failure(Posture.azureMonitorAgentProvisioned(subscriptionInput(amaOff))));
        // the MDE sensor has no setting of its own: the default one decides
        assertInstanceOf(Verdict.Pass.class, Posture.mdeSensorProvisioned(subscriptionInput(amaOff)));
    }

    @Test
    void autoProvisioningDoesNotApplyWithoutMachinesOrWithTheServersPlanOff() {
        SubscriptionDetails allOff = SeedEstate.prodSubscriptionDetails()
                .withAutoProvisioning(List.of(new AutoProvisioningSetting("default", false)));
        var withoutMachines =
                input(SeedEstate.subscription(SeedEstate.PROD, allOff)).build();
        var devSubscription = subscriptionInput(SeedEstate.devSubscriptionDetails());

        assertInstanceOf(Verdict.Pass.class, Posture.azureMonitorAgentProvisioned(withoutMachines));
        assertInstanceOf(Verdict.Pass.class, Posture.azureMonitorAgentProvisioned(devSubscription));
        assertInstanceOf(Verdict.Fail.class, Posture.azureMonitorAgentProvisioned(subscriptionInput(allOff)));
    }

    @Test
    void unreportedAutoProvisioningIsUnknown() {
        SubscriptionDetails onlyPlans = new SubscriptionDetails(
                "prod-subscription", SeedEstate.prodSubscriptionDetails().defenderPlans(), true);

        assertInstanceOf(Verdict.Unknown.class, Posture.mdeSensorProvisioned(subscriptionInput(onlyPlans)));
    }

    @Test
    void theSentinelWorkspaceIsRecommendedOverTheDefault() {
        assertInstanceOf(
                Verdict.Pass.class, Posture.sentinelWorkspace(subscriptionInput(SeedEstate.prodSubscriptionDetails())));
        assertEquals(
                "Defender for Cloud sends agent data to its default workspace: select your Sentinel workspace instead,"
                        + " so its data sits beside your other security data",
                failure(Posture.sentinelWorkspace(
                        subscriptionInput(workspace(new WorkspaceSetting(null, true, false))))));
        assertInstanceOf(
                Verdict.Fail.class,
                Posture.sentinelWorkspace(
                        subscriptionInput(workspace(new WorkspaceSetting("/subscriptions/x/ws", false, false)))));
        assertInstanceOf(Verdict.Unknown.class, Posture.sentinelWorkspace(subscriptionInput(workspace(null))));
    }

    @ParameterizedTest
    @CsvSource({"None,FAIL", "Minimal,FAIL", "Common,PASS", "All,PASS", "common,PASS", "Custom,UNKNOWN"})
    void dataCollectionRulesShouldCollectCommonSecurityEvents(String level, String expected) {
        AzureResource rule = SeedEstate.resource(
                SeedEstate.DEV,
                "monitoring-rg",
                "Microsoft.Insights/dataCollectionRules",
                "dcr-security-events-" + level.toLowerCase(),
                new DataCollectionRuleDetails(level, null),
                null);

        Verdict verdict = Posture.dataCollectionRuleSecurityEvents(input(rule).build());

        assertEquals(expected, verdictName(verdict));
    }

    @Test
    void devTest03sMinimalRuleIsTooLittle() {
        AzureResource minimal = SeedEstate.resource(
                SeedEstate.DEV,
                "monitoring-rg",
                "Microsoft.Insights/dataCollectionRules",
                "dcr-security-events-minimal",
                new DataCollectionRuleDetails(DataCollectionRuleDetails.MINIMAL, null),
                null);

        assertEquals(
                "the rule collects the Minimal security events: collect Common, enough for investigation without the"
                        + " cost of All Events",
                failure(Posture.dataCollectionRuleSecurityEvents(input(minimal).build())));
    }

    @ParameterizedTest
    @CsvSource({
        "10.2411.0.22,PASS", // azlocal-london, November 2024
        "10.2311.0.26,PASS", // the first release with Azure Local-exclusive recommendations
        "10.2310.0.5,FAIL",
        "10.0.20349.1850,FAIL", // Azure Stack HCI 22H2
        "22H2,UNKNOWN",
        "10.2413.0.1,UNKNOWN"
    })
    void azureLocalExclusiveRecommendationsNeed2311OrLater(String version, String expected) {
        Verdict verdict = Posture.azureLocalVersion(
                input(SeedEstate.azureLocalLondon(version)).build());

        assertEquals(expected, verdictName(verdict));
    }

    @Test
    void releasesReadAsYearAndMonth() {
        assertEquals(OptionalInt.of(2411), Posture.release("10.2411.0.22"));
        assertEquals(OptionalInt.of(0), Posture.release("10.0.20349.1850"));
        assertEquals(OptionalInt.empty(), Posture.release("10"));
    }

    private static EvaluationInput subscriptionInput(SubscriptionDetails details) {
        String id = details.displayName().startsWith("dev") ? SeedEstate.DEV : SeedEstate.PROD;
        return input(SeedEstate.subscription(id, details))
                .holds(ResourceKind.VIRTUAL_MACHINE, 2)
                .build();
    }

    private static SubscriptionDetails mcsb(SubscriptionDetails details, Boolean assigned) {
        return new SubscriptionDetails(
                details.displayName(),
                details.defenderPlans(),
                details.production(),
                details.autoProvisioning(),
                assigned,
                details.workspace());
    }

    private static SubscriptionDetails workspace(WorkspaceSetting workspace) {
        SubscriptionDetails prod = SeedEstate.prodSubscriptionDetails();
        return new SubscriptionDetails(
                prod.displayName(),
                prod.defenderPlans(),
                prod.production(),
                prod.autoProvisioning(),
                prod.mcsbAssigned(),
                workspace);
    }

    private static String failure(Verdict verdict) {
        return assertInstanceOf(Verdict.Fail.class, verdict).diagnosis();
    }

    private static String verdictName(Verdict verdict) {
        return verdict.getClass().getSimpleName().toUpperCase();
    }
}
