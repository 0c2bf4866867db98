package io.coverwatch.remediation.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RemediationPlannerTest {

    private static final String DEV_SUBSCRIPTION = "/subscriptions/22222222-2222-2222-2222-222222222222";

    private static Finding finding(String ruleId, String resourceId) {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        return new Finding(
                Finding.idFor(ruleId, resourceId),
                ruleId,
                "title",
                Severity.HIGH,
                resourceId,
                "Microsoft.Resources/subscriptions",
                "22222222-2222-2222-2222-222222222222",
                FindingStatus.OPEN,
                null,
                null,
                now,
                now,
                null,
                null);
    }

    @Test
    void defenderForServersOffIsFixedByEnablingThePlanAfterApproval() {
        PlannedAction planned = RemediationPlanner.plan(finding("CW-DEF-SERVERS", DEV_SUBSCRIPTION))
                .orElseThrow();

        assertEquals(RemediationAction.ENABLE_DEFENDER_PLAN, planned.action());
        assertTrue(planned.action().approvalByDefault(), "a paid plan waits for approval");
        assertEquals(
                "PUT " + DEV_SUBSCRIPTION + "/providers/Microsoft.Security/pricings/VirtualMachines"
                        + "?api-version=2024-01-01 {\"properties\":{\"pricingTier\":\"Standard\",\"subPlan\":\"P2\"}}",
                planned.request());
    }

    @Test
    void aRuleWithoutAnActionIsNotifyOnly() {
        assertTrue(
                RemediationPlanner.plan(finding("CW-UNKNOWN", DEV_SUBSCRIPTION)).isEmpty());
    }
}
