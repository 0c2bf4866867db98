package io.coverwatch.notification.message.slack;

import static io.coverwatch.notification.message.SeedNotices.PORTAL;
import static io.coverwatch.notification.message.SeedNotices.vmId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.webhook.Payload;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.message.SeedNotices;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.notice.NoticeKind;
import io.coverwatch.notification.testing.RenderedMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SlackMessagesTest {

    private static final Pattern SHOWN_FINDING = Pattern.compile("^Finding (\\S+)");
    private static final Pattern SUMMARY =
            Pattern.compile("^…and (\\d+) more in this group \\((\\d+) firing, (\\d+) resolved\\)");

    @Test
    void aFindingShowsSeverityResourceLinkSubscriptionDiagnosisFixAndFindingId() {
        Notice devTest03 = SeedNotices.devTest03AmaDown();

        List<String> messages = RenderedMessages.slack(SeedNotices.group(List.of(devTest03), List.of()));

        assertEquals(1, messages.size());
        Payload payload = SlackPayloads.readWithinLimits(messages.get(0));
        assertEquals("Coverwatch: 1 firing", SlackPayloads.header(payload));
        assertEquals(
                List.of(
                        "severity: High",
                        "🔴 High · *Azure Monitor Agent is down*\n"
                                + "*Resource:* <" + PORTAL + vmId("dev-test-03")
                                + "|dev-test-03> (Microsoft.Compute/virtualMachines)\n"
                                + "*Resource group:* prod-rg\n"
                                + "*Diagnosis:* Check 2: the Azure Monitor Agent's last heartbeat was 4 hours ago\n"
                                + "*Suggested fix:* Restart the AzureMonitorWindowsAgent extension on dev-test-03",
                        "Finding " + devTest03.key() + " · rule CW-AGENT-AMA-DOWN · subscription dev-subscription"
                                + " · since <!date^1795420800^{date_short_pretty} {time}|2026-11-23 08:00 UTC>"),
                SlackPayloads.mrkdwnTexts(payload));
        assertTrue(payload.getText().startsWith("Coverwatch: 1 firing"));
        assertEquals(Boolean.FALSE, payload.getUnfurlLinks());
    }

    @Test
    void aResolvedNoticeIsMarkedResolved() {
        Payload payload = SlackPayloads.readWithinLimits(RenderedMessages.slack(SeedNotices.group(
                        List.of(SeedNotices.prodWeb01NotMonitored()), List.of(SeedNotices.prodDb01Resolved())))
                .get(0));

        assertEquals("Coverwatch: 1 firing, 1 resolved", SlackPayloads.header(payload));
        List<String> texts = SlackPayloads.mrkdwnTexts(payload);
        assertTrue(texts.get(1).startsWith("🔴 High · *Machine is not monitored*"), texts.get(1));
        assertTrue(texts.get(3).startsWith("✅ Resolved · *Azure Monitor Agent is down*"), texts.get(3));
        assertTrue(texts.get(3).contains("|prod-db-01>"), texts.get(3));
        assertTrue(
                texts.get(4).endsWith(" · resolved <!date^1795424400^{date_short_pretty} {time}|2026-11-23 09:00 UTC>"),
                texts.get(4));
    }

    @Test
    void aRemediationAwaitingApprovalSaysWhatApprovingWouldDo() {
        Payload payload = SlackPayloads.readWithinLimits(
                RenderedMessages.slack(SeedNotices.group(List.of(SeedNotices.devTest03AwaitingApproval()), List.of()))
                        .get(0));

        String section = SlackPayloads.mrkdwnTexts(payload).get(1);
        assertTrue(
                section.startsWith("🔴 High · *Remediation awaiting approval · Azure Monitor Agent is down*"), section);
        assertTrue(
                section.endsWith("*Approving would:* restart the AzureMonitorWindowsAgent extension on dev-test-03"),
                section);
    }

    @Test
    void anExcludedFindingIsToldResolvedSayingWhyAndLinksToTheConsole() {
        Notice exempted = SeedNotices.finding(
                        "dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.HIGH)
                .firing(false)
                .endsAt(SeedNotices.OPENED.plusSeconds(3_600))
                .exclusionReason("exempted by soc-admin: dev-test-03 is being rebuilt")
                .consoleUrl("https://coverwatch.contoso.com/findings/f-1")
                .build();

        String section = SlackPayloads.mrkdwnTexts(SlackPayloads.readWithinLimits(
                        RenderedMessages.slack(SeedNotices.group(List.of(), List.of(exempted)))
                                .get(0)))
                .get(1);

        assertTrue(
                section.contains("\n*Why resolved:* excluded: exempted by soc-admin: dev-test-03 is being rebuilt\n"),
                section);
        assertTrue(
                section.endsWith("\n*Coverwatch:* <https://coverwatch.contoso.com/findings/f-1|Open the finding>"),
                section);
    }

    @ParameterizedTest
    @EnumSource(NoticeKind.class)
    void everyKindOfNoticeReadsBackAsBlockKit(NoticeKind kind) {
        Notice notice = SeedNotices.finding(
                        "dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.LOW)
                .kind(kind)
                .remediation("restart the AzureMonitorWindowsAgent extension")
                .build();

        Payload payload =
                SlackPayloads.readWithinLimits(RenderedMessages.slack(SeedNotices.group(List.of(notice), List.of()))
                        .get(0));

        String section = SlackPayloads.mrkdwnTexts(payload).get(1);
        assertTrue(section.startsWith("🟡 Low · *"), section);
        assertTrue(section.contains("restart the AzureMonitorWindowsAgent extension"), section);
    }

    @Test
    void aGroupTooLargeForOneMessageIsSplitWithEveryNoticeShownOnce() {
        NoticeGroup group = SeedNotices.group(SeedNotices.many(300, 2_000), List.of());

        List<String> messages = SlackMessages.render(group, 100);

        List<Payload> payloads =
                messages.stream().map(SlackPayloads::readWithinLimits).toList();
        assertTrue(payloads.size() > 1, payloads.size() + " messages");
        assertEquals("Coverwatch: 300 firing (1/" + payloads.size() + ")", SlackPayloads.header(payloads.get(0)));
        List<String> shown = shownFindings(payloads);
        assertEquals(300, shown.size());
        assertEquals(
                group.firing().stream().map(Notice::key).sorted().toList(),
                shown.stream().sorted().toList());
        assertTrue(payloads.stream()
                .flatMap(p -> SlackPayloads.mrkdwnTexts(p).stream())
                .noneMatch(t -> t.startsWith("…and")));
    }

    @Test
    void pastTheMostMessagesTheRestIsSummarisedMostSevereFirst() {
        List<Notice> firing = SeedNotices.many(300, 2_000);
        List<Notice> resolved = List.of(SeedNotices.prodDb01Resolved());
        NoticeGroup group = SeedNotices.group(firing, resolved);

        List<Payload> payloads = RenderedMessages.slack(group).stream()
                .map(SlackPayloads::readWithinLimits)
                .toList();

        assertEquals(RenderedMessages.MAX_MESSAGES, payloads.size());
        List<String> lastTexts = SlackPayloads.mrkdwnTexts(payloads.get(payloads.size() - 1));
        Matcher summary = SUMMARY.matcher(lastTexts.get(lastTexts.size() - 1));
        assertTrue(summary.find(), lastTexts.get(lastTexts.size() - 1));
        List<String> shown = shownFindings(payloads);
        assertEquals(301, shown.size() + Integer.parseInt(summary.group(1)));
        assertEquals(1, Integer.parseInt(summary.group(3)), "the resolved notice comes last, so it is summarised");
        // Every High (one in three) comes before any Medium.
        assertTrue(shown.size() >= 100);
        List<String> high = firing.stream()
                .filter(n -> n.severity() == Severity.HIGH)
                .map(Notice::key)
                .toList();
        assertEquals(high, shown.subList(0, high.size()));
    }

    @Test
    void anEmptyGroupStillReadsBack() {
        Payload payload =
                SlackPayloads.readWithinLimits(RenderedMessages.slack(new NoticeGroup("empty", null, null, null))
                        .get(0));
        assertEquals("Coverwatch: nothing to report", SlackPayloads.header(payload));
    }

    @Test
    void theReaderRefusesWhatSlackWouldNotKnow() {
        String unknownProperty = "{\"text\":\"x\",\"blocks\":[{\"type\":\"header\","
                + "\"text\":{\"type\":\"plain_text\",\"text\":\"x\",\"colour\":\"red\"}}]}";
        String unknownBlock = "{\"text\":\"x\",\"blocks\":[{\"type\":\"banner\",\"text\":\"x\"}]}";
        assertThrows(RuntimeException.class, () -> SlackPayloads.readWithinLimits(unknownProperty));
        assertThrows(RuntimeException.class, () -> SlackPayloads.readWithinLimits(unknownBlock));
    }

    private static List<String> shownFindings(List<Payload> payloads) {
        List<String> shown = new ArrayList<>();
        for (Payload payload : payloads) {
            for (String text : SlackPayloads.mrkdwnTexts(payload)) {
                Matcher finding = SHOWN_FINDING.matcher(text);
                if (finding.find()) {
                    shown.add(finding.group(1));
                }
            }
        }
        return shown;
    }
}
