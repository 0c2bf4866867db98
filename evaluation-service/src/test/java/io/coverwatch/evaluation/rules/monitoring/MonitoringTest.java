package io.coverwatch.evaluation.rules.monitoring;

import static io.coverwatch.evaluation.rules.SeedEstate.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.rules.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Monitored / Not monitored, seed 001's Check 3. */
class MonitoringTest {

    @Test
    void prodDb01IsMonitored() {
        assertInstanceOf(
                Verdict.Pass.class,
                Monitoring.notMonitored(input(SeedEstate.prodDb01())
                        .amaHeartbeat(Duration.ofMinutes(3))
                        .build()));
    }

    @Test
    void aStaleHeartbeatAloneIsTheAmaDownRulesBusiness() {
        assertInstanceOf(
                Verdict.Pass.class,
                Monitoring.notMonitored(input(SeedEstate.prodDb01())
                        .amaHeartbeat(Duration.ofHours(4))
                        .build()));
    }

    @Test
    void withoutADataCollectionRuleTheAmaCollectsNothing() {
        AzureResource noRule = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-app-05",
                SeedEstate.windowsVm(List.of(SeedEstate.amaWindows(), SeedEstate.mdeWindows()), List.of()));

        Verdict verdict = Monitoring.notMonitored(input(noRule).build());

        // no troubleshooting step fails, so the diagnosis names the unmet condition
        assertEquals(
                "no data collection rule is associated with the machine: associate the security events rule so the"
                        + " Azure Monitor Agent collects anything",
                assertInstanceOf(Verdict.Fail.class, verdict).diagnosis());
    }

    @Test
    void aPoweredOffVmIsNotJudged() {
        AzureResource prodBatch04 = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-batch-04",
                SeedEstate.windowsVm(List.of(), List.of()).withPowerState("PowerState/deallocated"));

        assertInstanceOf(
                Verdict.Unknown.class,
                Monitoring.notMonitored(input(prodBatch04).build()));
    }

    @Test
    void aDisconnectedArcMachineIsNotJudged() {
        AzureResource onpremFile01 =
                SeedEstate.arcMachine("onprem-file-01", "Disconnected", SeedEstate.WINDOWS_SERVER_2022, "Windows");

        assertInstanceOf(
                Verdict.Unknown.class,
                Monitoring.notMonitored(input(onpremFile01).build()));
    }

    @Test
    void aMachineWhoseSubscriptionIsNotReportedIsNotJudged() {
        assertInstanceOf(
                Verdict.Unknown.class,
                Monitoring.notMonitored(
                        input(SeedEstate.prodWeb01()).noSubscription().build()));
    }

    @Test
    void windowsServer2012R2IsMonitoredByTheLegacyAgentWithoutARule() {
        AzureResource prodLegacy01 = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-legacy-01",
                new VirtualMachineDetails(
                        "Windows",
                        "PowerState/running",
                        List.of(SeedEstate.mma(), SeedEstate.mdeWindows()),
                        SeedEstate.WINDOWS_SERVER_2012_R2,
                        List.of(),
                        true,
                        false));

        var legacy = input(prodLegacy01).legacyHeartbeat(Duration.ofMinutes(1)).build();

        assertInstanceOf(Verdict.Pass.class, Monitoring.notMonitored(legacy));
        assertInstanceOf(Verdict.Pass.class, Monitoring.logAnalyticsAgentInstalled(legacy));
    }

    @Test
    void theLegacyAgentAloneSatisfiesTheLogAnalyticsAgentRecommendation() {
        AzureResource mmaOnly = SeedEstate.vm(
                SeedEstate.PROD, "prod-rg", "prod-old-02", SeedEstate.windowsVm(List.of(SeedEstate.mma()), List.of()));

        assertInstanceOf(
                Verdict.Pass.class,
                Monitoring.logAnalyticsAgentInstalled(input(mmaOnly).build()));
    }

    @Test
    void prodWeb01NeedsTheLogAnalyticsAgent() {
        assertEquals(
                "no monitoring agent extension is installed: install the Azure Monitor Agent"
                        + " (AzureMonitorWindowsAgent)",
                assertInstanceOf(
                                Verdict.Fail.class,
                                Monitoring.logAnalyticsAgentInstalled(
                                        input(SeedEstate.prodWeb01()).build()))
                        .diagnosis());
    }
}
