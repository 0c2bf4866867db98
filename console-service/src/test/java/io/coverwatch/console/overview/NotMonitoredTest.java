package io.coverwatch.console.overview;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which open findings put a machine under "Not monitored" on the overview. */
class NotMonitoredTest {

    private static final String DEV_TEST_03 =
            "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/dev-rg"
                    + "/providers/Microsoft.Compute/virtualMachines/dev-test-03";

    @Test
    void aSilentAgentAMissingAgentOrAFailedStepIsNotMonitored() {
        assertTrue(OverviewReader.saysNotMonitored(finding("CW-AGENT-AMA-DOWN", null)), "AMA heartbeat 4 hours old");
        assertTrue(OverviewReader.saysNotMonitored(finding("CW-MON-LA-AGENT", null)));
        assertTrue(OverviewReader.saysNotMonitored(
                finding("CW-XSIG-MDE-NOT-DEPLOYED", TroubleshootingStep.EXTENSION_STATUS)));
    }

    @Test
    void aPlanOrLegacyAgentFindingAloneIsNot() {
        assertFalse(OverviewReader.saysNotMonitored(finding("CW-AGENT-LEGACY-MMA", null)));
        assertFalse(OverviewReader.saysNotMonitored(finding("CW-DEF-SQL", null)));
    }

    private static Finding finding(String rule, TroubleshootingStep step) {
        Instant now = Instant.parse("2026-12-04T10:00:00Z");
        return new Finding(
                Finding.idFor(rule, DEV_TEST_03),
                rule,
                rule,
                Severity.HIGH,
                DEV_TEST_03,
                "Microsoft.Compute/virtualMachines",
                "22222222-2222-2222-2222-222222222222",
                FindingStatus.OPEN,
                null,
                null,
                now,
                now,
                null,
                Map.of(),
                step);
    }
}
