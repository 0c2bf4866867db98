package io.coverwatch.notification.message.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.slack.api.webhook.Payload;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.message.InjectionStrings;
import io.coverwatch.notification.message.SeedNotices;
import io.coverwatch.notification.message.UntrustedText;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.testing.RenderedMessages;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Deliverable 7: untrusted text renders inert in Slack mrkdwn, wherever it appears. */
class SlackInjectionTest {

    /** Anything Slack would parse: links, mentions, channel names, special commands. */
    private static final Pattern ANGLE = Pattern.compile("<([^>]*)>");
    /** The one other thing in angle brackets: a time Coverwatch formatted, never untrusted text. */
    private static final Pattern OUR_DATE =
            Pattern.compile("!date\\^\\d+\\^\\{date_short_pretty} \\{time}\\|\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");

    static Stream<String> table() {
        return InjectionStrings.TABLE.stream();
    }

    @ParameterizedTest
    @MethodSource("table")
    void escapedTextHasNoMarkupLeftAndLosesNothingElse(String untrusted) {
        String escaped = SlackMrkdwn.escape(untrusted, 100_000);

        assertTrue(escaped.chars().noneMatch(c -> "<>*_~`".indexOf(c) >= 0), escaped);
        assertTrue(escaped.replaceAll("&(amp|lt|gt);", "").indexOf('&') < 0, escaped);
        assertEquals(UntrustedText.plain(untrusted, 100_000), unescaped(escaped));
    }

    @ParameterizedTest
    @MethodSource("table")
    void inEveryFieldOfAMessageTheOnlyLinkIsThePortal(String untrusted) {
        Notice notice = SeedNotices.finding("dev-test-03", "CW-AGENT-AMA-DOWN", untrusted, Severity.HIGH)
                .key(untrusted)
                .resourceName(untrusted)
                .subscriptionId(untrusted)
                .tags(Map.of("owner", untrusted))
                .diagnosis(untrusted)
                .remediation(untrusted)
                .build();
        NoticeGroup group = new NoticeGroup("soc", Map.of("owner", untrusted), List.of(notice), List.of());

        Payload payload =
                SlackPayloads.readWithinLimits(RenderedMessages.slack(group).get(0));

        String portal = SeedNotices.PORTAL + SeedNotices.vmId("dev-test-03");
        List<String> texts = SlackPayloads.mrkdwnTexts(payload);
        int links = 0;
        for (String text : texts) {
            Matcher angle = ANGLE.matcher(text);
            while (angle.find()) {
                if (OUR_DATE.matcher(angle.group(1)).matches()) {
                    continue; // the notice's time, which Slack shows in the reader's zone
                }
                assertTrue(angle.group(1).startsWith(portal + "|"), "only the portal links: " + angle.group());
                links++;
            }
        }
        assertEquals(1, links);
        assertFalse(payload.getText().contains("<"), payload.getText());
        String escaped = SlackMrkdwn.escape(untrusted, 150);
        String shown = escaped.endsWith(UntrustedText.ELLIPSIS) ? escaped.substring(0, escaped.length() - 1) : escaped;
        assertTrue(texts.get(0).contains(shown), "the group label, escaped: " + texts.get(0));
        assertTrue(
                texts.get(1).contains("|" + shown), "the resource name, escaped, as the link's label: " + texts.get(1));
        assertTrue(texts.get(1).contains("*Diagnosis:* " + shown), texts.get(1));
        if (untrusted.chars().anyMatch(c -> "<>*_~`&".indexOf(c) >= 0)) {
            texts.forEach(text -> assertFalse(text.contains(untrusted), "raw in " + text));
        }
    }

    /** Back from entities and look-alikes: what the reader sees. */
    private static String unescaped(String escaped) {
        return escaped.replace("∗", "*")
                .replace("ˍ", "_")
                .replace("∼", "~")
                .replace("ˋ", "`")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
