package io.coverwatch.remediation.safety;

import static io.coverwatch.remediation.catalog.SeedEstate.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.remediation.catalog.AgentInstall;
import io.coverwatch.remediation.catalog.ExtensionState;
import io.coverwatch.remediation.catalog.MachineHost;
import io.coverwatch.remediation.catalog.OsType;
import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.catalog.RemediationCatalog;
import io.coverwatch.remediation.catalog.RemediationPlan.Automatic;
import io.coverwatch.remediation.catalog.ResourceFacts;
import io.coverwatch.remediation.catalog.SeedEstate;
import io.coverwatch.remediation.catalog.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SafetyGateTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    /** The operator has switched dry-run off; everything else as installed. */
    private static final SafetySettings LIVE = SafetySettings.freshInstall().withDryRun(false);

    private static Automatic installAmaOnProdWeb01() {
        return installAma(SeedEstate.prodWeb01(), SeedEstate.OPENED);
    }

    private static Automatic installAma(ResourceFacts facts, Instant opened) {
        return (Automatic) RemediationCatalog.planFor(finding("CW-MON-LA-AGENT", facts, null, opened), facts);
    }

    private static Automatic defenderForServersOnDevSubscription() {
        return (Automatic) RemediationCatalog.planFor(
                finding("CW-DEF-SERVERS", SeedEstate.devSubscription(), null), SeedEstate.devSubscription());
    }

    private static Automatic reinstallOnDevTest03() {
        return (Automatic) RemediationCatalog.planFor(
                finding("CW-AGENT-AMA-DOWN", SeedEstate.devTest03(), "last Azure Monitor Agent heartbeat 4 hours ago"),
                SeedEstate.devTest03());
    }

    private static SafetyContext live() {
        return SafetyContext.quiet(LIVE, NOW);
    }

    @Test
    void aFreshInstallIsADryRunThatSaysExactlyWhatItWouldSend() {
        Automatic plan = installAmaOnProdWeb01();

        Decision decision = SafetyGate.decide(plan, SafetyContext.quiet(SafetySettings.freshInstall(), NOW));

        Decision.DryRun dryRun = assertInstanceOf(Decision.DryRun.class, decision);
        assertEquals(plan.request(), dryRun.request());
        assertTrue(
                dryRun.reason()
                        .startsWith("Dry run, nothing was changed: Coverwatch would install the Azure Monitor"
                                + " Agent on prod-web-01 by sending PUT " + SeedEstate.PROD_WEB_01
                                + "/extensions/AzureMonitorWindowsAgent?api-version=2025-04-01 {"),
                dryRun.reason());
        assertTrue(
                dryRun.reason()
                        .endsWith("outside dry-run it would run automatically (the default for INSTALL_AMA"
                                + " (AUTO))."),
                dryRun.reason());
    }

    @Test
    void prodWeb01GetsItsAgentAutomaticallyOnceDryRunIsOff() {
        Decision decision = SafetyGate.decide(installAmaOnProdWeb01(), live());

        assertEquals(
                new Decision.Execute("Allowed by the default for INSTALL_AMA (AUTO): Coverwatch will install the Azure"
                        + " Monitor Agent on prod-web-01."),
                decision);
    }

    @Test
    void devSubscriptionsDefenderPlanWaitsForApprovalBecauseItCostsMoney() {
        Decision decision = SafetyGate.decide(defenderForServersOnDevSubscription(), live());

        assertEquals(
                new Decision.AwaitApproval(
                        "Waiting for approval: the default for ENABLE_DEFENDER_PLAN (APPROVAL) asks"
                                + " a person before Coverwatch may enable the Defender plan on "
                                + SeedEstate.DEV_SUBSCRIPTION_ID
                                + " (a Defender plan costs money).",
                        false),
                decision);
    }

    @Test
    void inDryRunTheDefenderPlanSaysItWouldWaitForApproval() {
        Decision decision = SafetyGate.decide(
                defenderForServersOnDevSubscription(), SafetyContext.quiet(SafetySettings.freshInstall(), NOW));

        assertTrue(assertInstanceOf(Decision.DryRun.class, decision)
                .reason()
                .endsWith("it would wait for approval (the" + " default for ENABLE_DEFENDER_PLAN (APPROVAL))."));
    }

    @Test
    void anApprovedDefenderPlanRuns() {
        Decision decision = SafetyGate.decide(defenderForServersOnDevSubscription(), live().approvedBy("alice@soc"));

        assertEquals(
                new Decision.Execute("Approved by alice@soc: Coverwatch will enable the Defender plan on "
                        + SeedEstate.DEV_SUBSCRIPTION_ID + "."),
                decision);
    }

    @Test
    void aPolicyBlockedMachinesExemptionWaitsForApproval() {
        ResourceFacts facts =
                SeedEstate.prodWeb01().withExtensionPolicyAssignment(SeedEstate.DENY_EXTENSIONS_ASSIGNMENT);
        Automatic exemption = (Automatic) RemediationCatalog.planFor(
                finding(
                        "CW-MON-NOT-MONITORED",
                        facts,
                        TroubleshootingStep.EXTENSION_POLICY,
                        "an Azure Policy denies VM extensions"),
                facts);

        Decision decision = SafetyGate.decide(exemption, live());

        assertEquals(RemediationAction.CREATE_POLICY_EXEMPTION, exemption.action());
        assertEquals(
                new Decision.AwaitApproval(
                        "Waiting for approval: the default for CREATE_POLICY_EXEMPTION (APPROVAL)"
                                + " asks a person before Coverwatch may create a policy exemption for the Defender for Cloud"
                                + " extensions on prod-web-01.",
                        false),
                decision);
    }

    @Test
    void aCriticalVmWithTheOptOutTagIsNeverTouchedNotEvenInDryRun() {
        ResourceFacts critical = SeedEstate.prodWeb01().withTags(Map.of("Coverwatch-Remediation", "off"));
        Automatic plan = installAma(critical, SeedEstate.OPENED);
        String reason = "prod-web-01 carries the opt-out tag coverwatch-remediation=off: it is marked as a machine"
                + " Coverwatch must not change, so it will not install the Azure Monitor Agent.";

        assertEquals(new Decision.Refused(reason), SafetyGate.decide(plan, live()));
        assertEquals(
                new Decision.Refused(reason),
                SafetyGate.decide(plan, SafetyContext.quiet(SafetySettings.freshInstall(), NOW)));
        assertInstanceOf(
                Decision.Execute.class,
                SafetyGate.decide(
                        installAma(SeedEstate.prodWeb01().withTags(Map.of("coverwatch-remediation", "on")), NOW),
                        live()));
    }

    @Test
    void theKillSwitchRefusesEverything() {
        Decision decision = SafetyGate.decide(
                installAmaOnProdWeb01(),
                SafetyContext.quiet(LIVE.withKillSwitch(true), NOW).approvedBy("alice@soc"));

        assertEquals(
                new Decision.Refused("Remediation is switched off (global kill switch): Coverwatch would install the"
                        + " Azure Monitor Agent on prod-web-01 but changes nothing until it is switched on."),
                decision);
    }

    @Test
    void the21stChangeWithinAnHourStopsAndAsks() {
        List<Instant> twenty = IntStream.range(0, 20)
                .mapToObj(i -> NOW.minus(Duration.ofMinutes(2 + 3L * i)))
                .toList();
        List<Instant> nineteen = twenty.subList(0, 19);
        List<Instant> twentyButOneAnHourAgo = Stream.concat(
                        nineteen.stream(), Stream.of(NOW.minus(Duration.ofMinutes(61))))
                .toList();

        Decision twentyFirst = SafetyGate.decide(installAmaOnProdWeb01(), live().withRecentChanges(twenty));

        assertEquals(
                new Decision.AwaitApproval(
                        "Blast-radius cap reached: 20 changes in subscription "
                                + SeedEstate.PROD_SUBSCRIPTION_ID
                                + " in the last hour (cap 20); Coverwatch stopped and asks"
                                + " before it goes on to install the Azure Monitor Agent on prod-web-01.",
                        true),
                twentyFirst);
        assertInstanceOf(
                Decision.Execute.class, SafetyGate.decide(installAmaOnProdWeb01(), live().withRecentChanges(nineteen)));
        assertInstanceOf(
                Decision.Execute.class,
                SafetyGate.decide(installAmaOnProdWeb01(), live().withRecentChanges(twentyButOneAnHourAgo)),
                "the hour rolls");
        assertInstanceOf(
                Decision.Execute.class,
                SafetyGate.decide(
                        installAmaOnProdWeb01(),
                        live().withRecentChanges(twenty).approvedBy("alice@soc")),
                "a person's approval lifts the cap for this change");
    }

    @Test
    void theRateLimitDefersUntilTheWindowHasRoom() {
        List<Instant> burst = List.of(
                NOW.minusSeconds(50),
                NOW.minusSeconds(40),
                NOW.minusSeconds(30),
                NOW.minusSeconds(20),
                NOW.minusSeconds(10));

        Decision decision = SafetyGate.decide(installAmaOnProdWeb01(), live().withRecentChanges(burst));

        Decision.Deferred deferred = assertInstanceOf(Decision.Deferred.class, decision);
        assertEquals(NOW.plusSeconds(10), deferred.notBefore());
        assertEquals(
                "Rate limit: 5 changes in subscription " + SeedEstate.PROD_SUBSCRIPTION_ID + " in the last minute;"
                        + " Coverwatch will install the Azure Monitor Agent on prod-web-01 at 2026-11-23T12:00:10Z.",
                deferred.reason());
        assertInstanceOf(
                Decision.Execute.class,
                SafetyGate.decide(installAmaOnProdWeb01(), live().withRecentChanges(burst.subList(1, 5))));
    }

    @Test
    void theCircuitBreakerOpensAfterThreeFailuresInARowAndClosesWhenReset() {
        Decision open = SafetyGate.decide(installAmaOnProdWeb01(), live().withConsecutiveFailures(3));

        assertEquals(
                new Decision.Refused("Circuit breaker open: the last 3 attempts to install the Azure Monitor Agent in"
                        + " subscription " + SeedEstate.PROD_SUBSCRIPTION_ID + " failed; Coverwatch stops trying there"
                        + " until someone fixes the cause and resets the breaker."),
                open);
        assertInstanceOf(
                Decision.Refused.class,
                SafetyGate.decide(
                        installAmaOnProdWeb01(),
                        live().withConsecutiveFailures(3).approvedBy("alice@soc")),
                "approval does not close the breaker");
        assertInstanceOf(
                Decision.Execute.class, SafetyGate.decide(installAmaOnProdWeb01(), live().withConsecutiveFailures(2)));
        assertInstanceOf(
                Decision.Execute.class,
                SafetyGate.decide(installAmaOnProdWeb01(), live().withConsecutiveFailures(0)),
                "reset");
    }

    @Test
    void devTest03sAgentIsReinstalledAtMostThreeTimes() {
        assertInstanceOf(
                Decision.Execute.class, SafetyGate.decide(reinstallOnDevTest03(), live().withReinstallAttempts(2)));
        assertEquals(
                new Decision.Refused("Gave up reinstalling: the extension on dev-test-03 was reinstalled 3 times (the"
                        + " limit is 3) and still did not recover; a person needs to look at the machine."),
                SafetyGate.decide(reinstallOnDevTest03(), live().withReinstallAttempts(3)));
        assertInstanceOf(
                Decision.Execute.class,
                SafetyGate.decide(installAmaOnProdWeb01(), live().withReinstallAttempts(3)),
                "only reinstalls are bounded");
    }

    @Test
    void aRedeliveredFindingNeverActsTwiceButAReopenedOneIsANewEpisode() {
        Automatic first = installAmaOnProdWeb01();
        Automatic redelivered = installAmaOnProdWeb01();
        Automatic reopened = installAma(SeedEstate.prodWeb01(), SeedEstate.OPENED.plus(Duration.ofDays(2)));

        assertEquals(first.idempotencyKey(), redelivered.idempotencyKey());
        assertEquals(32, first.idempotencyKey().length());
        assertNotEquals(first.idempotencyKey(), reopened.idempotencyKey());
        SafetyContext acted = live().withActedKeys(Set.of(first.idempotencyKey()));
        assertEquals(
                new Decision.AlreadyActed(
                        first.idempotencyKey(),
                        "Already acted on this finding: install the Azure Monitor Agent on prod-web-01 was done for"
                                + " this occurrence of the finding; the repeated event is ignored."),
                SafetyGate.decide(redelivered, acted));
        assertInstanceOf(Decision.Execute.class, SafetyGate.decide(reopened, acted));
    }

    @Test
    void theKeyTellsActionsAndTargetsApartAndIgnoresTheCaseOfTheId() {
        Finding finding =
                finding("CW-MON-NOT-MONITORED", SeedEstate.prodWeb01(), TroubleshootingStep.EXTENSION_STATUS, "x");
        Automatic install = (Automatic) RemediationCatalog.planFor(finding, SeedEstate.prodWeb01());
        ResourceFacts failed = SeedEstate.prodWeb01()
                .withExtension(AgentInstall.AZURE_MONITOR_AGENT, new ExtensionState("AMA", "Failed"));
        Automatic reinstall = (Automatic) RemediationCatalog.planFor(finding, failed);
        Automatic upperCase = new Automatic(
                install.action(),
                Target.of(SeedEstate.PROD_WEB_01.toUpperCase(), Map.of()),
                install.request(),
                install.episode());

        assertNotEquals(install.idempotencyKey(), reinstall.idempotencyKey());
        assertEquals(install.idempotencyKey(), upperCase.idempotencyKey());
    }

    @Test
    void theMostSpecificPolicyWinsAndTheStrictestBetweenEquals() {
        String subscription = SeedEstate.PROD_SUBSCRIPTION_ID;
        SafetySettings settings = LIVE.withPolicies(List.of(
                new RemediationPolicy(
                        new PolicyScope.Subscription(subscription), RemediationAction.INSTALL_AMA, PolicyMode.NEVER),
                new RemediationPolicy(
                        new PolicyScope.ResourceGroup(subscription, "RG-PROD"),
                        RemediationAction.INSTALL_AMA,
                        PolicyMode.APPROVAL),
                new RemediationPolicy(
                        new PolicyScope.Tag("tier", "web"), RemediationAction.INSTALL_AMA, PolicyMode.AUTO),
                new RemediationPolicy(
                        new PolicyScope.Tag("owner", "payments"), RemediationAction.INSTALL_AMA, PolicyMode.APPROVAL),
                new RemediationPolicy(
                        new PolicyScope.Subscription(subscription),
                        RemediationAction.ASSOCIATE_DCR,
                        PolicyMode.NEVER)));
        SafetyContext context = SafetyContext.quiet(settings, NOW);
        String otherGroup = SeedEstate.PROD_WEB_01.replace("rg-prod", "rg-batch");

        Decision byGroup = SafetyGate.decide(installAmaOnProdWeb01(), context);
        Decision byTag =
                SafetyGate.decide(installAma(SeedEstate.prodWeb01().withTags(Map.of("tier", "web")), NOW), context);
        Decision twoTags = SafetyGate.decide(
                installAma(SeedEstate.prodWeb01().withTags(Map.of("tier", "web", "owner", "payments")), NOW), context);
        Decision bySubscription = SafetyGate.decide(
                installAma(
                        ResourceFacts.machine(
                                otherGroup, MachineHost.AZURE_VM, "uksouth", OsType.WINDOWS, "Windows Server 2022"),
                        NOW),
                context);

        assertEquals(
                new Decision.AwaitApproval(
                        "Waiting for approval: the APPROVAL policy for INSTALL_AMA on resource group"
                                + " RG-PROD asks a person before Coverwatch may install the Azure Monitor Agent on prod-web-01.",
                        false),
                byGroup);
        assertInstanceOf(Decision.Execute.class, byTag);
        assertInstanceOf(Decision.AwaitApproval.class, twoTags);
        assertEquals(
                new Decision.Refused("Not allowed: the NEVER policy for INSTALL_AMA on subscription " + subscription
                        + " forbids Coverwatch to install the Azure Monitor Agent on prod-web-01."),
                bySubscription);
    }

    @Test
    void aNeverPolicyRefusesEvenInDryRun() {
        SafetySettings settings = SafetySettings.freshInstall()
                .withPolicies(List.of(new RemediationPolicy(
                        new PolicyScope.Subscription(SeedEstate.DEV_SUBSCRIPTION_ID),
                        RemediationAction.ENABLE_DEFENDER_PLAN,
                        PolicyMode.NEVER)));

        assertInstanceOf(
                Decision.Refused.class,
                SafetyGate.decide(defenderForServersOnDevSubscription(), SafetyContext.quiet(settings, NOW)));
    }
}
