package io.coverwatch.evaluation.rules.monitoring;

import static io.coverwatch.evaluation.rules.SeedEstate.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DataCollectionRuleDetails;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.rules.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 001: alerts without security events, and security events without MDE. */
class CrossSignalTest {

    @Test
    void alertsButNoSecurityEventsMeanTheAmaIsNotCollecting() {
        AzureResource noRule = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-app-06",
                SeedEstate.windowsVm(List.of(SeedEstate.amaWindows(), SeedEstate.mdeWindows()), List.of()));

        Verdict verdict = CrossSignal.amaCollectingSecurityEvents(
                input(noRule).defenderAlert(Duration.ofHours(2)).build());

        assertEquals(
                "Defender alerts arrive (the last one 2 hours ago) but no security event in the last 1 day: the Azure"
                        + " Monitor Agent is not collecting; no data collection rule is associated with the machine",
                assertInstanceOf(Verdict.Fail.class, verdict).diagnosis());
    }

    @Test
    void aRuleThatCollectsNoSecurityEventsIsNamed() {
        AzureResource noneRule = SeedEstate.resource(
                SeedEstate.PROD,
                "monitoring-rg",
                "Microsoft.Insights/dataCollectionRules",
                "dcr-perf-only",
                new DataCollectionRuleDetails(DataCollectionRuleDetails.NONE, null),
                null);
        AzureResource machine = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-app-09",
                SeedEstate.windowsVm(
                        List.of(SeedEstate.amaWindows(), SeedEstate.mdeWindows()), List.of(noneRule.id())));
        EvaluationInput withRule = input(machine)
                .dataCollectionRule(noneRule)
                .defenderAlert(Duration.ofHours(2))
                .build();

        assertTrue(assertInstanceOf(Verdict.Fail.class, CrossSignal.amaCollectingSecurityEvents(withRule))
                .diagnosis()
                .endsWith("its data collection rule dcr-perf-only collects no security events (level None)"));
    }

    @Test
    void securityEventsOlderThanTheWindowDoNotCount() {
        Verdict verdict = CrossSignal.amaCollectingSecurityEvents(input(SeedEstate.prodDb01())
                .defenderAlert(Duration.ofHours(2))
                .securityEvent(Duration.ofDays(3))
                .build());

        assertInstanceOf(Verdict.Fail.class, verdict);
    }

    @Test
    void alertsAndSecurityEventsTogetherPass() {
        assertInstanceOf(
                Verdict.Pass.class,
                CrossSignal.amaCollectingSecurityEvents(input(SeedEstate.prodDb01())
                        .defenderAlert(Duration.ofHours(2))
                        .securityEvent(Duration.ofMinutes(5))
                        .build()));
    }

    @Test
    void anAlertOutsideTheWindowIsNoEvidence() {
        assertInstanceOf(
                Verdict.Pass.class,
                CrossSignal.amaCollectingSecurityEvents(input(SeedEstate.prodDb01())
                        .defenderAlert(Duration.ofDays(2))
                        .build()));
    }

    @Test
    void linuxMachinesSendNoWindowsSecurityEvents() {
        assertInstanceOf(
                Verdict.Pass.class,
                CrossSignal.amaCollectingSecurityEvents(input(SeedEstate.devTest03())
                        .defenderAlert(Duration.ofHours(1))
                        .build()));
    }

    @Test
    void securityEventsButNoMdeMeanMdeIsNotDeployed() {
        AzureResource amaOnly = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-app-08",
                SeedEstate.windowsVm(
                        List.of(SeedEstate.amaWindows()),
                        List.of(SeedEstate.dcr(SeedEstate.PROD, "dcr-security-events-common"))));

        Verdict verdict = CrossSignal.mdeDeployed(
                input(amaOnly).securityEvent(Duration.ofMinutes(10)).build());

        assertEquals(
                "security events arrive (the last one 10 minutes ago) but the Defender for Endpoint sensor"
                        + " (MDE.Windows) is not provisioned: check the MDE sensor status on the machine",
                assertInstanceOf(Verdict.Fail.class, verdict).diagnosis());
    }

    @Test
    void securityEventsWithMdeProvisionedPass() {
        assertInstanceOf(
                Verdict.Pass.class,
                CrossSignal.mdeDeployed(input(SeedEstate.prodDb01())
                        .securityEvent(Duration.ofMinutes(10))
                        .build()));
    }
}
