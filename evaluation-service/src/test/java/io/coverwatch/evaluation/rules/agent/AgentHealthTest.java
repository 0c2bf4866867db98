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

/** Seed 001's heartbeat table: prod-web-01 2 min ago, prod-db-01 3 min ago, dev-test-03 4 hours ago. */
class AgentHealthTest {

    @Test
    void prodDb01HeardFromThreeMinutesAgoIsHealthy() {
        assertEquals(
                AgentHealth.HEALTHY,
                AgentHealth.of(input(SeedEstate.prodDb01())
                        .amaHeartbeat(Duration.ofMinutes(3))
                        .build()));
    }

    @Test
    void devTest03HeardFromFourHoursAgoHasItsAmaDown() {
        assertEquals(
                AgentHealth.AMA_DOWN,
                AgentHealth.of(input(SeedEstate.devTest03())
                        .amaHeartbeat(Duration.ofHours(4))
                        .build()));
    }

    @Test
    void aHeartbeatExactlyAtTheThresholdIsStillFresh() {
        assertEquals(
                AgentHealth.HEALTHY,
                AgentHealth.of(input(SeedEstate.prodDb01())
                        .amaHeartbeat(Duration.ofMinutes(15))
                        .build()));
        assertEquals(
                AgentHealth.AMA_DOWN,
                AgentHealth.of(input(SeedEstate.prodDb01())
                        .amaHeartbeat(Duration.ofMinutes(15).plusSeconds(1))
                        .build()));
    }

    @Test
    void aMachineWhoseLaterHeartbeatsAreStillQueuedIsNotSilent() {
        // dev-test-03's last heartbeat heard is 20 minutes old, but the stream has only been read up to 10 minutes
        // ago (evaluation-service is behind on a backlog): its heartbeats since are unheard, not missing.
        assertEquals(
                AgentHealth.HEALTHY,
                AgentHealth.of(input(SeedEstate.devTest03())
                        .amaHeartbeat(Duration.ofMinutes(20))
                        .heardUpTo(Duration.ofMinutes(10))
                        .build()));
        // Once the stream is read up to 16 minutes past that heartbeat, the silence is real.
        assertEquals(
                AgentHealth.AMA_DOWN,
                AgentHealth.of(input(SeedEstate.devTest03())
                        .amaHeartbeat(Duration.ofMinutes(20))
                        .heardUpTo(Duration.ofMinutes(4))
                        .build()));
    }

    @Test
    void anInstalledAmaIsNotDownWhileTheStreamIsBehindItsFirstHeartbeatsDeadline() {
        assertEquals(
                AgentHealth.AWAITING_FIRST_HEARTBEAT,
                AgentHealth.of(input(SeedEstate.prodDb01())
                        .knownFor(Duration.ofMinutes(20))
                        .heardUpTo(Duration.ofMinutes(10))
                        .build()));
    }

    @Test
    void anInstalledAmaThatNeverSentAHeartbeatIsDownOnceTheMachineIsKnownLongerThanTheThreshold() {
        assertEquals(
                AgentHealth.AMA_DOWN,
                AgentHealth.of(input(SeedEstate.prodDb01())
                        .knownFor(Duration.ofHours(1))
                        .build()));
        assertEquals(
                AgentHealth.AWAITING_FIRST_HEARTBEAT,
                AgentHealth.of(input(SeedEstate.prodDb01())
                        .knownFor(Duration.ofMinutes(5))
                        .build()));
    }

    @Test
    void prodWeb01WithoutAnyAgentHasNoAgent() {
        assertEquals(
                AgentHealth.NO_AGENT,
                AgentHealth.of(input(SeedEstate.prodWeb01())
                        .knownFor(Duration.ofDays(2))
                        .build()));
    }

    @Test
    void onlyTheLegacyDirectAgentReporting() {
        AzureResource legacy = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-legacy-01",
                SeedEstate.windowsVm(List.of(SeedEstate.mma(), SeedEstate.mdeWindows()), List.of()));

        assertEquals(
                AgentHealth.LEGACY_AGENT,
                AgentHealth.of(
                        input(legacy).legacyHeartbeat(Duration.ofMinutes(1)).build()));
    }

    @Test
    void aDeallocatedVmIsPoweredOffNotAmaDown() {
        AzureResource prodBatch04 = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-batch-04",
                ((VirtualMachineDetails) SeedEstate.prodDb01().details()).withPowerState("PowerState/deallocated"));
        var silentForHours =
                input(prodBatch04).amaHeartbeat(Duration.ofHours(6)).build();

        assertEquals(AgentHealth.POWERED_OFF, AgentHealth.of(silentForHours));
        assertInstanceOf(Verdict.Pass.class, AgentRules.amaDown(silentForHours));
    }

    @Test
    void aStoppedVmIsPoweredOffToo() {
        AzureResource stopped = SeedEstate.vm(
                SeedEstate.PROD,
                "prod-rg",
                "prod-batch-05",
                ((VirtualMachineDetails) SeedEstate.prodDb01().details()).withPowerState("PowerState/stopped"));

        assertEquals(
                AgentHealth.POWERED_OFF,
                AgentHealth.of(input(stopped).amaHeartbeat(Duration.ofHours(6)).build()));
    }

    @Test
    void aDisconnectedArcMachineIsDisconnectedNotAmaDown() {
        AzureResource onpremFile01 =
                SeedEstate.arcMachine("onprem-file-01", "Disconnected", SeedEstate.WINDOWS_SERVER_2022, "Windows");
        var silentForHours =
                input(onpremFile01).amaHeartbeat(Duration.ofHours(7)).build();

        assertEquals(AgentHealth.DISCONNECTED, AgentHealth.of(silentForHours));
        assertInstanceOf(Verdict.Pass.class, AgentRules.amaDown(silentForHours));
    }

    @Test
    void anExpiredArcMachineIsDisconnected() {
        AzureResource expired =
                SeedEstate.arcMachine("onprem-old-01", "Expired", SeedEstate.WINDOWS_SERVER_2022, "Windows");

        assertEquals(
                AgentHealth.DISCONNECTED,
                AgentHealth.of(input(expired).amaHeartbeat(Duration.ofDays(50)).build()));
    }
}
