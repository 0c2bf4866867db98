package io.coverwatch.inventory.demo;

import static io.coverwatch.inventory.demo.ShippedEstate.AZLOCAL_WITNESS;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_DB_01;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_JUMP_01;
import static io.coverwatch.inventory.demo.ShippedEstate.PROD_WEB_01;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.contracts.SecuritySignal.SignalKind;
import io.coverwatch.contracts.Severity;
import io.coverwatch.inventory.signal.SecurityEventRecords;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cross-signal the shipped estate shows: who raises Defender alerts, who sends security events. */
class DemoSecurityTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private static boolean hasMde(DemoResource demo) {
        return Machines.extensions(demo.resource()).stream()
                .anyMatch(extension -> extension.publisher().equals("Microsoft.Azure.AzureDefenderForServers"));
    }

    @Test
    void prodWeb01RaisesADefenderAlertButSendsNoSecurityEvents() {
        DemoResource prodWeb01 = ShippedEstate.get(PROD_WEB_01);

        assertEquals(
                List.of(new SecuritySignal(
                        DemoSecurity.alerts(prodWeb01, NOW).get(0).signalId(),
                        PROD_WEB_01,
                        SignalKind.DEFENDER_ALERT,
                        "VM_EICAR",
                        "High",
                        Instant.parse("2026-11-23T11:40:00Z"))),
                DemoSecurity.alerts(prodWeb01, NOW));
        assertEquals(List.of(), DemoSecurity.events(prodWeb01, NOW));
    }

    @Test
    void prodJump01SendsSecurityEventsWithoutMde() {
        DemoResource prodJump01 = ShippedEstate.get(PROD_JUMP_01);

        assertTrue(!hasMde(prodJump01));
        assertEquals(
                List.of(new SecuritySignal(
                        SecurityEventRecords.signalId(PROD_JUMP_01, NOW, "4624", "prod-jump-01"),
                        PROD_JUMP_01,
                        SignalKind.SECURITY_EVENT,
                        "4624",
                        null,
                        NOW)),
                DemoSecurity.events(prodJump01, NOW));
        assertEquals(List.of(), DemoSecurity.alerts(prodJump01, NOW));
    }

    @Test
    void healthyWindowsMachinesSendSecurityEventsUntilTheirAgentStops() {
        DemoResource prodDb01 = ShippedEstate.get(PROD_DB_01);
        assertTrue(hasMde(prodDb01));
        assertEquals(1, DemoSecurity.events(prodDb01, NOW).size());
        assertEquals(
                List.of(),
                DemoSecurity.events(prodDb01.withAmaHeartbeat(AgentState.STOPPED), NOW),
                "no agent, no collection");

        List<String> senders = ShippedEstate.load().stream()
                .filter(demo -> !DemoSecurity.events(demo, NOW).isEmpty())
                .map(demo -> demo.resource().name())
                .sorted()
                .toList();
        assertEquals(
                List.of("azlocal-node-01", "azlocal-node-02", "onprem-sql-02", "prod-db-01", "prod-jump-01"),
                senders,
                "Windows machines whose AMA runs with a DCR; Linux sends Syslog, not SecurityEvent");
    }

    @Test
    void theAzureLocalWitnessHasTheSeedsStorageRecommendationsUnhealthy() {
        List<DefenderAssessment> assessments = DemoSecurity.recommendations(ShippedEstate.get(AZLOCAL_WITNESS), NOW);

        assertEquals(
                List.of(
                        "Storage accounts should have infrastructure encryption",
                        "Storage accounts should prevent shared key access",
                        "Storage account should use a private link connection"),
                assessments.stream().map(DefenderAssessment::displayName).toList());
        DefenderAssessment sharedKey = assessments.get(1);
        assertEquals(AssessmentStatus.UNHEALTHY, sharedKey.status());
        assertEquals(Severity.MEDIUM, sharedKey.severity());
        assertEquals(AZLOCAL_WITNESS, sharedKey.resourceId());
        assertEquals(
                AZLOCAL_WITNESS + "/providers/Microsoft.Security/assessments/" + sharedKey.assessmentKey(),
                sharedKey.assessmentId());
        assertEquals(NOW, sharedKey.observedAt());
        assertEquals(
                sharedKey.assessmentKey(),
                DemoSecurity.recommendations(ShippedEstate.get(ShippedEstate.PROD_WEB_STORE), NOW)
                        .get(0)
                        .assessmentKey(),
                "one recommendation, one key, on every resource");
    }
}
