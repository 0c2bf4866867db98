package io.coverwatch.evaluation.rules.agent;

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

class AgentRulesTest {

    private static final AzureResource PROD_LEGACY_01 = SeedEstate.vm(
            SeedEstate.PROD,
            "prod-rg",
            "prod-legacy-01",
            SeedEstate.windowsVm(List.of(SeedEstate.mma(), SeedEstate.mdeWindows()), List.of()));

    @Test
    void amaDownSaysHowLongTheAgentHasBeenSilent() {
        Verdict verdict = AgentRules.amaDown(
                input(SeedEstate.devTest03()).amaHeartbeat(Duration.ofHours(4)).build());

        assertEquals(
                "last Azure Monitor Agent heartbeat 4 hours ago (threshold 15 minutes)",
                assertInstanceOf(Verdict.Fail.class, verdict).diagnosis());
    }

    @Test
    void amaDownOfAnAgentThatNeverReported() {
        Verdict verdict = AgentRules.amaDown(
                input(SeedEstate.prodDb01()).knownFor(Duration.ofHours(2)).build());

        assertEquals(
                "the Azure Monitor Agent is installed but has sent no heartbeat in the 2 hours since Coverwatch first"
                        + " saw the machine (threshold 15 minutes)",
                assertInstanceOf(Verdict.Fail.class, verdict).diagnosis());
    }

    @Test
    void theThresholdResolvedForTheResourceDecides() {
        var fourHoursAgo = input(SeedEstate.devTest03())
                .amaHeartbeat(Duration.ofHours(4))
                .threshold(Duration.ofHours(6))
                .build();

        assertInstanceOf(Verdict.Pass.class, AgentRules.amaDown(fourHoursAgo));
    }

    @Test
    void aLegacyAgentStillReportingShouldBeMigrated() {
        Verdict verdict = AgentRules.legacyAgentReporting(
                input(PROD_LEGACY_01).legacyHeartbeat(Duration.ofMinutes(2)).build());

        assertEquals(
                "the legacy Log Analytics agent (Direct Agent) last reported 2 minutes ago: migrate the machine to the"
                        + " Azure Monitor Agent and remove the MMA",
                assertInstanceOf(Verdict.Fail.class, verdict).diagnosis());
    }

    @Test
    void windowsServer2012R2KeepsItsLegacyAgent() {
        AzureResource server2012 = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-legacy-02",
                new VirtualMachineDetails(
                        "Windows",
                        "PowerState/running",
                        List.of(SeedEstate.mma(), SeedEstate.mdeWindows()),
                        SeedEstate.WINDOWS_SERVER_2012_R2,
                        List.of(),
                        true,
                        false));

        assertInstanceOf(
                Verdict.Pass.class,
                AgentRules.legacyAgentReporting(
                        input(server2012).legacyHeartbeat(Duration.ofMinutes(2)).build()));
    }

    @Test
    void aLegacyAgentThatStoppedReportingIsNoLongerAMigrationFinding() {
        assertInstanceOf(
                Verdict.Pass.class,
                AgentRules.legacyAgentReporting(input(PROD_LEGACY_01)
                        .legacyHeartbeat(Duration.ofDays(3))
                        .build()));
    }

    @Test
    void aDisconnectedArcMachineIsItsOwnFinding() {
        AzureResource onpremFile01 =
                SeedEstate.arcMachine("onprem-file-01", "Disconnected", SeedEstate.WINDOWS_SERVER_2022, "Windows");

        Verdict verdict = AgentRules.arcDisconnected(input(onpremFile01).build());

        assertEquals(
                "the Arc machine has been Disconnected for 1 day 7 hours: its Connected Machine agent sends no"
                        + " heartbeat; check the agent service and its network",
                assertInstanceOf(Verdict.Fail.class, verdict).diagnosis());
    }

    @Test
    void anExpiredArcMachineMustBeReonboarded() {
        AzureResource expired =
                SeedEstate.arcMachine("onprem-old-01", "Expired", SeedEstate.WINDOWS_SERVER_2022, "Windows");

        String diagnosis = assertInstanceOf(
                        Verdict.Fail.class,
                        AgentRules.arcDisconnected(input(expired).build()))
                .diagnosis();

        assertEquals(
                "the Arc machine has been Expired for 1 day 7 hours: its managed identity credential ran out;"
                        + " disconnect and re-onboard it",
                diagnosis);
    }

    @Test
    void aConnectedArcMachinePasses() {
        AzureResource connected =
                SeedEstate.arcMachine("onprem-sql-02", "Connected", SeedEstate.WINDOWS_SERVER_2022, "Windows");

        assertInstanceOf(
                Verdict.Pass.class, AgentRules.arcDisconnected(input(connected).build()));
    }
}
