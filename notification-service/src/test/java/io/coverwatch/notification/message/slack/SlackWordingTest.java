package io.coverwatch.notification.message.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.notification.message.NoticeWording;
import io.coverwatch.notification.message.SeedNotices;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.testing.RenderedMessages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a SOC reads in Slack about a machine that is Not monitored: this machine's fix, as written, in its time. */
class SlackWordingTest {

    /** What evaluation-service says for every Not monitored machine, whatever its step. */
    private static final String GENERIC_FIX = "Fix the troubleshooting step named in the diagnosis: the Servers plan,"
            + " auto-provisioning, OS support, outbound connectivity, extension policies, the extension's status";

    @ParameterizedTest
    @EnumSource(TroubleshootingStep.class)
    void aNotMonitoredMachineIsToldTheFixForItsOwnFailingStep(TroubleshootingStep step) {
        Notice devTest03 = SeedNotices.finding(
                        "dev-test-03", "CW-MON-NOT-MONITORED", "Machine is not monitored", Severity.HIGH)
                .diagnosis("Step " + step.number() + " (" + step.label() + "): " + step.question())
                .diagnosisStep(step)
                .remediation(GENERIC_FIX)
                .build();

        String section = SlackPayloads.mrkdwnTexts(SlackPayloads.readWithinLimits(
                        RenderedMessages.slack(SeedNotices.group(List.of(devTest03), List.of()))
                                .get(0)))
                .get(1);

        assertTrue(section.endsWith("*Suggested fix:* " + NoticeWording.fixFor(step)), section);
        assertFalse(section.contains("Fix the troubleshooting step"), section);
        assertTrue(section.contains("*Diagnosis:* Step " + step.number() + " (" + step.label() + "): "), section);
        // nothing the reader would see as a stray: no look-alike, no entity, in text that forms no markup
        assertTrue(section.chars().noneMatch(c -> "∗ˍ∼ˋ".indexOf(c) >= 0), section);
        assertFalse(section.contains("&amp;"), section);
    }

    @Test
    void everyStepHasAFixOfItsOwn() {
        assertEquals(
                TroubleshootingStep.values().length,
                List.of(TroubleshootingStep.values()).stream()
                        .map(NoticeWording::fixFor)
                        .distinct()
                        .count());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Step 6 (Extension status): AzureMonitorWindowsAgent failed",
                "dev_test_03",
                "prod-web-01.contoso.com",
                "10.0.0.4 - 10.0.0.9",
                "a * b",
                "Windows Server 2012 R2 (legacy agent, MMA)"
            })
    void ordinaryTextReadsAsWritten(String text) {
        assertEquals(text, SlackMrkdwn.escape(text, 1_000));
    }

    @Test
    void markupIsNeutralisedWhereItWouldFormAndOnlyThere() {
        assertEquals("∗bold∗ and dev_test_03", SlackMrkdwn.escape("*bold* and dev_test_03", 1_000));
        assertEquals("ˍitalicˍ", SlackMrkdwn.escape("_italic_", 1_000));
        assertEquals("&lt;!channel&gt; (urgent)", SlackMrkdwn.escape("<!channel> (urgent)", 1_000));
        assertEquals("one ` tick", SlackMrkdwn.escape("one ` tick", 1_000));
        assertEquals("ˋcodeˋ", SlackMrkdwn.escape("`code`", 1_000));
    }

    @Test
    void aTimeIsShownInTheReadersZoneToTheSecondWithAUtcFallback() {
        Notice resolved = SeedNotices.finding(
                        "dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.HIGH)
                .firing(false)
                .endsAt(Instant.parse("2026-12-04T11:49:14.377425377Z"))
                .build();

        List<String> texts = SlackPayloads.mrkdwnTexts(
                SlackPayloads.readWithinLimits(RenderedMessages.slack(SeedNotices.group(List.of(), List.of(resolved)))
                        .get(0)));

        String context = texts.get(2);
        assertTrue(
                context.endsWith(" · resolved <!date^1796384954^{date_short_pretty} {time}|2026-12-04 11:49 UTC>"),
                context);
        assertFalse(context.contains("377425377"), context);
    }

    @Test
    void theSubscriptionIsNamedAsPeopleKnowItWithItsIdInTheContextLine() {
        Notice devTest03 = SeedNotices.finding(
                        "dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.HIGH)
                .subscriptionId(SeedNotices.SUBSCRIPTION)
                .subscriptionName("dev-subscription")
                .build();

        List<String> texts = SlackPayloads.mrkdwnTexts(
                SlackPayloads.readWithinLimits(RenderedMessages.slack(SeedNotices.group(List.of(devTest03), List.of()))
                        .get(0)));

        assertTrue(texts.get(1).contains("\n*Subscription:* dev-subscription"), texts.get(1));
        assertTrue(texts.get(2).contains(" · subscription " + SeedNotices.SUBSCRIPTION), texts.get(2));
    }
}
