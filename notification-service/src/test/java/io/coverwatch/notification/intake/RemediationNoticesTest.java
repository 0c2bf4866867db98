package io.coverwatch.notification.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.EventType;
import io.coverwatch.contracts.Remediation;
import io.coverwatch.contracts.RemediationApproved;
import io.coverwatch.contracts.RemediationAwaitingApproval;
import io.coverwatch.contracts.RemediationCancelled;
import io.coverwatch.contracts.RemediationEscalated;
import io.coverwatch.contracts.RemediationEvent;
import io.coverwatch.contracts.RemediationExecuted;
import io.coverwatch.contracts.RemediationFailed;
import io.coverwatch.contracts.RemediationPlanned;
import io.coverwatch.contracts.RemediationRefused;
import io.coverwatch.contracts.RemediationRejected;
import io.coverwatch.contracts.RemediationVerified;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RemediationNoticesTest {

    private static final String DEV_TEST_03 = "/subscriptions/22222222-2222-2222-2222-222222222222"
            + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";
    private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");
    private static final Remediation REINSTALL = new Remediation(
            "rem-1",
            "f-1",
            "CW-AGENT-AMA-DOWN",
            "reinstall-ama-extension",
            DEV_TEST_03,
            "22222222-2222-2222-2222-222222222222",
            false);
    private static final RemediationNotices.FindingSummary AMA_DOWN = new RemediationNotices.FindingSummary(
            "Azure Monitor Agent stopped sending heartbeats", Severity.HIGH, "Microsoft.Compute/virtualMachines");

    @Test
    void awaitingApprovalCarriesWhatApprovingWouldDo() {
        Notice notice = RemediationNotices.of(
                new RemediationAwaitingApproval(REINSTALL, "Reinstall AzureMonitorLinuxAgent on dev-test-03"),
                AMA_DOWN,
                AT,
                "https://portal.azure.com",
                Optional.empty(),
                Optional.empty());
        assertEquals(NoticeKind.REMEDIATION_AWAITING_APPROVAL, notice.kind());
        assertEquals(
                "Waiting for a Coverwatch.Approver to approve in Coverwatch. Reinstall AzureMonitorLinuxAgent on"
                        + " dev-test-03",
                notice.remediation());
        assertEquals("f-1", notice.key());
        assertEquals("dev-test-03", notice.resourceName());
        assertEquals(Severity.HIGH, notice.severity());
        assertEquals("Azure Monitor Agent stopped sending heartbeats", notice.title());
        assertEquals("https://portal.azure.com/#@/resource" + DEV_TEST_03, notice.portalUrl());
        assertEquals(AT, notice.startsAt());
    }

    @Test
    void everyRemediationStepHasItsKindAndSaysWhatHappened() {
        List<RemediationEvent> steps = List.of(
                new RemediationPlanned(REINSTALL, "Reinstall the extension"),
                new RemediationAwaitingApproval(REINSTALL, "Reinstall the extension"),
                new RemediationExecuted(REINSTALL, "accepted by Azure"),
                new RemediationVerified(REINSTALL),
                new RemediationFailed(REINSTALL, "AuthorizationFailed"),
                new RemediationEscalated(REINSTALL, "no heartbeat 30 min after reinstall"),
                new RemediationApproved(REINSTALL, "Ana Lima", "prod must be covered"),
                new RemediationRejected(REINSTALL, "Ana Lima", null),
                new RemediationRefused(REINSTALL, "Remediation is switched off (global kill switch)"),
                new RemediationCancelled(REINSTALL, "The resource no longer exists"));
        List<String> said = List.of(
                "Reinstall the extension",
                "Waiting for a Coverwatch.Approver to approve in Coverwatch. Reinstall the extension",
                "reinstall-ama-extension: accepted by Azure",
                "reinstall-ama-extension verified: the finding resolved",
                "reinstall-ama-extension failed: AuthorizationFailed",
                "reinstall-ama-extension escalated: no heartbeat 30 min after reinstall",
                "reinstall-ama-extension approved by Ana Lima: prod must be covered",
                "reinstall-ama-extension rejected by Ana Lima",
                "reinstall-ama-extension refused: Remediation is switched off (global kill switch)",
                "reinstall-ama-extension cancelled: The resource no longer exists");
        for (int i = 0; i < steps.size(); i++) {
            Notice notice = RemediationNotices.of(
                    steps.get(i), AMA_DOWN, AT, "https://portal.azure.com", Optional.empty(), Optional.empty());
            assertEquals(
                    NoticeKind.valueOf(steps.get(i).eventType().name()),
                    notice.kind(),
                    steps.get(i).toString());
            assertEquals(said.get(i), notice.remediation());
        }
        assertEquals(
                steps.size(),
                List.of(EventType.values()).stream()
                        .filter(t -> t.name().startsWith("REMEDIATION_"))
                        .count());
    }

    @Test
    void aStepForAFindingNeverHeardOfStillMakesANotice() {
        Notice notice = RemediationNotices.of(
                new RemediationPlanned(
                        new Remediation(
                                "rem-2",
                                "f-2",
                                "CW-DEF-SERVERS",
                                "enable-defender-plan",
                                "/subscriptions/22222222-2222-2222-2222-222222222222",
                                null,
                                true),
                        "Enable Defender for Servers P2"),
                null,
                AT,
                "https://portal.azure.com",
                Optional.empty(),
                Optional.empty());
        assertEquals("Remediation enable-defender-plan", notice.title());
        assertEquals(RemediationNotices.UNKNOWN_FINDING_SEVERITY, notice.severity());
        assertEquals("Dry run, nothing is changed: Enable Defender for Servers P2", notice.remediation());
        assertEquals("22222222-2222-2222-2222-222222222222", notice.resourceName());
    }
}
