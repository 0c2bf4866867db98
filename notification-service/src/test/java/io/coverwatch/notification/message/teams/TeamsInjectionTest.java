package io.coverwatch.notification.message.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.message.InjectionStrings;
import io.coverwatch.notification.message.SeedNotices;
import io.coverwatch.notification.message.UntrustedText;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.testing.RenderedMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Deliverable 7: untrusted text renders inert in an Adaptive Card's Markdown, wherever it appears. */
class TeamsInjectionTest {

    static Stream<String> table() {
        return InjectionStrings.TABLE.stream();
    }

    @ParameterizedTest
    @MethodSource("table")
    void escapedTextReadsAsItselfAndNothingMore(String untrusted) {
        String seen = TeamsCards.seen(TeamsMarkdown.escape(untrusted, 100_000), false);

        assertEquals(UntrustedText.plain(untrusted, 100_000).strip(), seen);
    }

    @ParameterizedTest
    @MethodSource("table")
    void inEveryFieldOfACardTheTextIsInertAndTheOnlyLinkIsThePortal(String untrusted) {
        Notice notice = SeedNotices.finding("dev-test-03", "CW-AGENT-AMA-DOWN", untrusted, Severity.HIGH)
                .key(untrusted)
                .resourceName(untrusted)
                .subscriptionId(untrusted)
                .tags(Map.of("owner", untrusted))
                .diagnosis(untrusted)
                .remediation(untrusted)
                .build();
        NoticeGroup group = new NoticeGroup("soc", Map.of("owner", untrusted), List.of(notice), List.of());

        JsonNode card = TeamsCards.readValidCard(RenderedMessages.teams(group).get(0));

        // CommonMark finds nothing but text in any of them (and our bold on the status line).
        TeamsCards.markdownTexts(card).forEach(markdown -> TeamsCards.seen(markdown, markdown.startsWith("🔴")));
        String expected = UntrustedText.plain(untrusted, 100_000).strip();
        for (JsonNode fact : TeamsCards.facts(card)) {
            String title = fact.get("title").asText();
            if (List.of("Resource", "Subscription", "Diagnosis", "Suggested fix", "Finding")
                    .contains(title)) {
                String seen = TeamsCards.seen(fact.get("value").asText(), false);
                boolean clipped = seen.endsWith(UntrustedText.ELLIPSIS)
                        && expected.startsWith(seen.substring(0, seen.length() - 1));
                assertTrue(seen.equals(expected) || clipped, title + " reads as the text itself: " + seen);
            }
        }
        List<String> urls = new ArrayList<>();
        TeamsCards.everyObject(card, node -> {
            if (node.has("url")) {
                urls.add(node.get("url").asText());
            }
        });
        assertEquals(List.of(SeedNotices.PORTAL + SeedNotices.vmId("dev-test-03")), urls);
    }
}
