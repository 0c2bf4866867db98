package io.coverwatch.notification.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingChanged;
import io.coverwatch.contracts.FindingEvent;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.notice.Notice;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingNoticesTest {

    private static final Instant FOUR_HOURS_AGO = Instant.parse("2026-11-23T08:00:00Z");
    private static final String PORTAL = "https://portal.azure.com";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String DEV_TEST_03 = "/subscriptions/22222222-2222-2222-2222-222222222222/resourceGroups/"
            + "dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";

    private static Finding devTest03AmaDown(FindingStatus status) {
        return devTest03AmaDown(status, null);
    }

    private static Finding devTest03AmaDown(FindingStatus status, String exclusionReason) {
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
                exclusionReason,
                Map.of("env", "dev"),
                null);
    }

    @Test
    void devTest03sFindingFiresWithItsNameAndTagsForRouting() {
        Notice notice = FindingNotices.of(
                new FindingOpened(devTest03AmaDown(FindingStatus.OPEN)),
                NOW,
                PORTAL,
                Optional.empty(),
                Optional.empty());

        assertTrue(notice.firing());
        assertEquals("dev-test-03", notice.resourceName());
        assertEquals(Map.of("env", "dev"), notice.tags());
        assertEquals(FOUR_HOURS_AGO, notice.startsAt());
        assertNull(notice.consoleUrl());
    }

    @Test
    void aResolvedFindingResolvesItsNotice() {
        Notice notice = FindingNotices.of(
                new FindingResolved(devTest03AmaDown(FindingStatus.RESOLVED)),
                NOW,
                PORTAL,
                Optional.empty(),
                Optional.empty());

        assertFalse(notice.firing());
        assertEquals(NOW, notice.endsAt());
        assertNull(notice.exclusionReason());
    }

    @Test
    void aFindingTurningExcludedResolvesItsNoticeSayingWhy() {
        FindingChanged exempted = new FindingChanged(
                devTest03AmaDown(FindingStatus.EXCLUDED, "exempted by soc-admin: dev-test-03 is being rebuilt"));
        FindingOpened openedExcluded = new FindingOpened(
                devTest03AmaDown(FindingStatus.EXCLUDED, "Azure Local machine: not billed by Defender for Servers"));

        for (FindingEvent event : List.of(exempted, openedExcluded)) {
            Notice notice = FindingNotices.of(event, NOW, PORTAL, Optional.empty(), Optional.empty());
            assertTrue(FindingNotices.resolves(event));
            assertFalse(notice.firing(), "an excluded finding never fires");
            assertEquals(NOW, notice.endsAt());
            assertEquals(event.finding().exclusionReason(), notice.exclusionReason());
        }
        assertFalse(FindingNotices.resolves(new FindingChanged(devTest03AmaDown(FindingStatus.OPEN))));
    }

    @Test
    void withAConsoleTheNoticeLinksTheFindingThere() {
        Notice notice = FindingNotices.of(
                new FindingOpened(devTest03AmaDown(FindingStatus.OPEN)),
                NOW,
                PORTAL,
                Optional.of("https://coverwatch.contoso.com/"),
                Optional.empty());

        assertEquals("https://coverwatch.contoso.com/findings/" + notice.key(), notice.consoleUrl());
    }
}
