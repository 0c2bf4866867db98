package io.coverwatch.notification.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.notice.Notice;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingNoticesTest {

    private static final Instant FOUR_HOURS_AGO = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String DEV_TEST_03 = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/"
            + "dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";

    private static Finding devTest03AmaDown(FindingStatus status) {
        return new Finding(
                Finding.idFor("CW-AGENT-AMA-DOWN", DEV_TEST_03),
                "CW-AGENT-AMA-DOWN",
                "Azure Monitor Agent is down",
                Severity.HIGH,
                DEV_TEST_03,
                "Microsoft.Compute/virtualMachines",
                "22222222-2222-2222-2222-222222222222",
                status,
                "last Azure Monitor Agent heartbeat 4 hours ago (threshold 15 minutes)",
                "Restart the agent",
                FOUR_HOURS_AGO,
                NOW,
                null,
                Map.of("env", "dev"),
                null);
    }

    @Test
    void devTest03sFindingFiresWithItsNameAndTagsForRouting() {
        Notice notice = FindingNotices.of(
                        new FindingOpened(devTest03AmaDown(FindingStatus.OPEN)), NOW, "https://portal.azure.com")
                .orElseThrow();

        assertTrue(notice.firing());
        assertEquals("dev-test-03", notice.resourceName());
        assertEquals(Map.of("env", "dev"), notice.tags());
        assertEquals(FOUR_HOURS_AGO, notice.startsAt());
    }

    @Test
    void aResolvedFindingResolvesItsNotice() {
        Notice notice = FindingNotices.of(
                        new FindingResolved(devTest03AmaDown(FindingStatus.RESOLVED)), NOW, "https://portal.azure.com")
                .orElseThrow();

        assertFalse(notice.firing());
        assertEquals(NOW, notice.endsAt());
    }
}
