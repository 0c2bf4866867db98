package io.coverwatch.notification.message.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.notification.message.NoticeWording;
import io.coverwatch.notification.message.SeedNotices;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.testing.RenderedMessages;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a SOC reads in a Teams card about a machine that is Not monitored: this machine's fix, as written. */
class TeamsWordingTest {

    @ParameterizedTest
    @EnumSource(TroubleshootingStep.class)
    void aNotMonitoredMachineIsToldTheFixForItsOwnFailingStepWithoutStrayEscapes(TroubleshootingStep step) {
        String diagnosis = "Step " + step.number() + " (" + step.label() + "): " + step.question();
        Notice devTest03 = SeedNotices.finding(
                        "dev-test-03", "CW-MON-NOT-MONITORED", "Machine is not monitored", Severity.HIGH)
                .diagnosis(diagnosis)
                .diagnosisStep(step)
                .remediation("Fix the troubleshooting step named in the diagnosis")
                .build();

        JsonNode card =
                TeamsCards.readValidCard(RenderedMessages.teams(SeedNotices.group(List.of(devTest03), List.of()))
                        .get(0));

        Map<String, String> facts = new LinkedHashMap<>();
        TeamsCards.facts(card)
                .forEach(fact ->
                        facts.put(fact.get("title").asText(), fact.get("value").asText()));
        // the Markdown itself, not only what it renders to: no backslash where nothing needed one
        assertEquals(diagnosis, facts.get("Diagnosis"));
        assertEquals(NoticeWording.fixFor(step), facts.get("Suggested fix"));
        assertEquals(NoticeWording.fixFor(step), TeamsCards.seen(facts.get("Suggested fix"), false));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Step 6 (Extension status): AzureMonitorWindowsAgent failed",
                "dev_test_03",
                "prod-web-01.contoso.com",
                "10.0.0.4 - 10.0.0.9",
                "a * b",
                "Windows Server 2012 R2 (legacy agent, MMA)",
                "5 > 3 & 2 < 4",
                "2026-12-04"
            })
    void ordinaryTextReadsAsWritten(String text) {
        assertEquals(text, TeamsMarkdown.escape(text, 1_000));
        assertEquals(text, TeamsCards.seen(TeamsMarkdown.escape(text, 1_000), false));
    }

    @Test
    void markupIsNeutralisedWhereItWouldForm() {
        assertEquals("\\*\\*bold\\*\\* and dev_test_03", TeamsMarkdown.escape("**bold** and dev_test_03", 1_000));
        assertEquals("[portal\\](https://evil.example)", TeamsMarkdown.escape("[portal](https://evil.example)", 1_000));
        assertEquals("\\- item", TeamsMarkdown.escape("- item", 1_000));
        assertEquals("1\\. item", TeamsMarkdown.escape("1. item", 1_000));
        assertEquals("\\---", TeamsMarkdown.escape("---", 1_000));
        assertEquals("\\<b>html\\</b>", TeamsMarkdown.escape("<b>html</b>", 1_000));
        assertEquals("\\&lt;", TeamsMarkdown.escape("&lt;", 1_000));
    }

    @Test
    void aTimeIsShownInTheReadersZoneThroughDateAndTimeFunctionsToTheSecond() {
        Notice resolved = SeedNotices.finding(
                        "dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.HIGH)
                .firing(false)
                .endsAt(Instant.parse("2026-12-04T11:49:14.377425377Z"))
                .build();

        JsonNode card = TeamsCards.readValidCard(RenderedMessages.teams(SeedNotices.group(List.of(), List.of(resolved)))
                .get(0));

        List<String> resolvedAt = new ArrayList<>();
        TeamsCards.facts(card).stream()
                .filter(fact -> fact.get("title").asText().equals("Resolved"))
                .forEach(fact -> resolvedAt.add(fact.get("value").asText()));
        assertEquals(List.of("{{DATE(2026-12-04T11:49:14Z, SHORT)}} {{TIME(2026-12-04T11:49:14Z)}}"), resolvedAt);
        assertFalse(card.toString().contains("377425377"));
    }

    @Test
    void anExcludedFindingSaysWhyAndOpensCoverwatchsConsole() {
        Notice exempted = SeedNotices.finding(
                        "dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.HIGH)
                .firing(false)
                .endsAt(SeedNotices.OPENED.plusSeconds(3_600))
                .exclusionReason("Azure Local machine (not billed by Defender for Servers)")
                .consoleUrl("https://coverwatch.contoso.com/findings/f-1")
                .build();

        JsonNode card = TeamsCards.readValidCard(RenderedMessages.teams(SeedNotices.group(List.of(), List.of(exempted)))
                .get(0));

        assertTrue(card.toString().contains("excluded: Azure Local machine (not billed by Defender for Servers)"));
        List<String> urls = new ArrayList<>();
        TeamsCards.everyObject(card, node -> {
            if (node.has("url")) {
                urls.add(node.get("url").asText());
            }
        });
        assertEquals(
                List.of(
                        SeedNotices.PORTAL + SeedNotices.vmId("dev-test-03"),
                        "https://coverwatch.contoso.com/findings/f-1"),
                urls);
    }
}
