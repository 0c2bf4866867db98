package io.coverwatch.notification.message.teams;

import static io.coverwatch.notification.message.SeedNotices.PORTAL;
import static io.coverwatch.notification.message.SeedNotices.vmId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.message.SeedNotices;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.notice.NoticeKind;
import io.coverwatch.notification.testing.RenderedMessages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;

class TeamsMessagesTest {

    private static final Pattern SUMMARY =
            Pattern.compile("^…and (\\d+) more in this group \\((\\d+) firing, (\\d+) resolved\\)");

    @Test
    void aFindingCardShowsItsFactsAndOpensThePortal() {
        Notice devTest03 = SeedNotices.devTest03AmaDown();

        List<String> messages = RenderedMessages.teams(SeedNotices.group(List.of(devTest03), List.of()));

        assertEquals(1, messages.size());
        JsonNode card = TeamsCards.readValidCard(messages.get(0));
        assertEquals("1.5", card.get("version").asText());
        JsonNode body = card.get("body");
        assertEquals(
                "Coverwatch: 1 firing", TeamsCards.seen(body.get(0).get("text").asText(), false));
        assertEquals("severity: High", TeamsCards.seen(body.get(1).get("text").asText(), false));
        JsonNode notice = body.get(2).get("items");
        assertEquals(
                "🔴 High · Azure Monitor Agent is down",
                TeamsCards.seen(notice.get(0).get("text").asText(), true));
        assertEquals("Attention", notice.get(0).get("color").asText());
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Resource", "dev-test-03");
        facts.put("Resource group", "prod-rg");
        facts.put("Type", "Microsoft.Compute/virtualMachines");
        facts.put("Subscription", "dev-subscription");
        facts.put("Diagnosis", "Check 2: the Azure Monitor Agent's last heartbeat was 4 hours ago");
        facts.put("Suggested fix", "Restart the AzureMonitorWindowsAgent extension on dev-test-03");
        facts.put("Finding", devTest03.key());
        facts.put("Rule", "CW-AGENT-AMA-DOWN");
        facts.put("Since", "{{DATE(2026-11-23T08:00:00Z, SHORT)}} {{TIME(2026-11-23T08:00:00Z)}}");
        assertEquals(facts, seenFacts(card));
        JsonNode action = notice.get(2).get("actions").get(0);
        assertEquals("Action.OpenUrl", action.get("type").asText());
        assertEquals(PORTAL + vmId("dev-test-03"), action.get("url").asText());
    }

    @Test
    void aResolvedNoticeIsMarkedResolved() {
        JsonNode card = TeamsCards.readValidCard(RenderedMessages.teams(SeedNotices.group(
                        List.of(SeedNotices.prodWeb01NotMonitored()), List.of(SeedNotices.prodDb01Resolved())))
                .get(0));

        JsonNode resolved = card.get("body").get(3).get("items").get(0);
        assertEquals(
                "✅ Resolved · Azure Monitor Agent is down",
                TeamsCards.seen(resolved.get("text").asText(), true));
        assertEquals("Good", resolved.get("color").asText());
        assertEquals(
                "{{DATE(2026-11-23T09:00:00Z, SHORT)}} {{TIME(2026-11-23T09:00:00Z)}}",
                seenFacts(card).get("Resolved"));
    }

    @Test
    void aRemediationAwaitingApprovalSaysWhatApprovingWouldDo() {
        JsonNode card = TeamsCards.readValidCard(
                RenderedMessages.teams(SeedNotices.group(List.of(SeedNotices.devTest03AwaitingApproval()), List.of()))
                        .get(0));

        assertEquals(
                "🔴 High · Remediation awaiting approval · Azure Monitor Agent is down",
                TeamsCards.seen(
                        card.get("body").get(2).get("items").get(0).get("text").asText(), true));
        assertEquals(
                "restart the AzureMonitorWindowsAgent extension on dev-test-03",
                seenFacts(card).get("Approving would"));
    }

    @ParameterizedTest
    @EnumSource(NoticeKind.class)
    void everyKindOfNoticeIsAValidCard(NoticeKind kind) {
        Notice notice = SeedNotices.finding(
                        "dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.MEDIUM)
                .kind(kind)
                .remediation("restart the AzureMonitorWindowsAgent extension")
                .build();

        JsonNode card = TeamsCards.readValidCard(RenderedMessages.teams(SeedNotices.group(List.of(notice), List.of()))
                .get(0));

        assertEquals(
                "Warning",
                card.get("body").get(2).get("items").get(0).get("color").asText());
        assertTrue(seenFacts(card).containsValue("restart the AzureMonitorWindowsAgent extension"));
    }

    @Test
    void aGroupTooLargeForOneMessageIsSplitWithEveryNoticeShownOnce() {
        NoticeGroup group = SeedNotices.group(SeedNotices.many(300, 2_000), List.of());

        List<JsonNode> cards = TeamsMessages.render(group, 100).stream()
                .map(TeamsCards::readValidCard)
                .toList();

        assertTrue(cards.size() > 1, cards.size() + " messages");
        assertEquals(
                "Coverwatch: 300 firing (1/" + cards.size() + ")",
                TeamsCards.seen(cards.get(0).get("body").get(0).get("text").asText(), false));
        List<String> shown = shownFindings(cards);
        assertEquals(
                group.firing().stream().map(Notice::key).sorted().toList(),
                shown.stream().sorted().toList());
    }

    @Test
    void pastTheMostMessagesTheRestIsSummarised() {
        NoticeGroup group = SeedNotices.group(SeedNotices.many(300, 2_000), List.of(SeedNotices.prodDb01Resolved()));

        List<JsonNode> cards = RenderedMessages.teams(group).stream()
                .map(TeamsCards::readValidCard)
                .toList();

        assertEquals(RenderedMessages.MAX_MESSAGES, cards.size());
        List<String> texts = TeamsCards.markdownTexts(cards.get(cards.size() - 1));
        Matcher summary = SUMMARY.matcher(TeamsCards.seen(texts.get(texts.size() - 1), false));
        assertTrue(summary.find(), texts.get(texts.size() - 1));
        assertEquals(301, shownFindings(cards).size() + Integer.parseInt(summary.group(1)));
        assertEquals(1, Integer.parseInt(summary.group(3)));
    }

    @Test
    void theSchemaRefusesAMisspeltPropertyAndAcceptsOurCards() {
        JsonSchema schema = TeamsCards.requireSchema();
        JsonNode misspelt = TeamsCards.read(
                "{\"type\":\"AdaptiveCard\",\"version\":\"1.5\",\"body\":[{\"type\":\"TextBlock\",\"txt\":\"x\"}]}");
        assertFalse(schema.validate(misspelt).isEmpty(), "the schema refuses an unknown property");
        for (String body : RenderedMessages.teams(SeedNotices.group(
                List.of(SeedNotices.devTest03AmaDown(), SeedNotices.devTest03AwaitingApproval()),
                List.of(SeedNotices.prodDb01Resolved())))) {
            JsonNode card = TeamsCards.read(body).path("attachments").get(0).path("content");
            assertEquals(Set.of(), schema.validate(card));
        }
    }

    @Test
    void theChecksCanFail() {
        String submit = "{\"type\":\"message\",\"attachments\":[{\"contentType\":"
                + "\"application/vnd.microsoft.card.adaptive\",\"contentUrl\":null,\"content\":{\"type\":"
                + "\"AdaptiveCard\",\"version\":\"1.5\",\"actions\":[{\"type\":\"Action.Submit\",\"title\":\"Approve\"}]}}]}";
        assertThrows(AssertionFailedError.class, () -> TeamsCards.readValidCard(submit));
        assertThrows(AssertionFailedError.class, () -> TeamsCards.seen("[x](https://evil.example)", false));
    }

    private static Map<String, String> seenFacts(JsonNode card) {
        Map<String, String> facts = new LinkedHashMap<>();
        TeamsCards.facts(card)
                .forEach(fact -> facts.put(
                        fact.get("title").asText(),
                        TeamsCards.seen(fact.get("value").asText(), false)));
        return facts;
    }

    private static List<String> shownFindings(List<JsonNode> cards) {
        return cards.stream()
                .flatMap(card -> TeamsCards.facts(card).stream())
                .filter(fact -> fact.get("title").asText().equals("Finding"))
                .map(fact -> TeamsCards.seen(fact.get("value").asText(), false))
                .toList();
    }
}
