package io.coverwatch.notification.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookUrlTest {

    private static final HostAllowlist DEFAULTS = new HostAllowlist(
            List.of("hooks.slack.com", "*.logic.azure.com", "*.environment.api.powerplatform.com"), List.of());
    private static final String SLACK = "https://hooks.slack.com/services/T0AB12CD3/B0XY98ZW7/s3cr3tT0k3nV4lu3";
    private static final String TEAMS =
            "https://prod-23.westeurope.logic.azure.com:443/workflows/4f2c9d/triggers/manual"
                    + "/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s1gn4tur3";
    private static final String POWER_PLATFORM = "https://default1234.09.environment.api.powerplatform.com:443"
            + "/powerautomate/automations/direct/workflows/86ffea63/triggers/manual/paths/invoke?api-version=1&sig=x9";

    @Test
    void slackTeamsAndPowerAutomateWebhooksAreAccepted() {
        assertEquals(SLACK, WebhookUrl.parse(SLACK, DEFAULTS).secret());
        assertEquals(TEAMS, WebhookUrl.parse(TEAMS, DEFAULTS).secret());
        assertEquals(POWER_PLATFORM, WebhookUrl.parse(POWER_PLATFORM, DEFAULTS).secret());
    }

    @Test
    void aHostOffTheAllowlistIsRefusedNamingTheHostOnly() {
        InvalidChannel refused = assertThrows(
                InvalidChannel.class,
                () -> WebhookUrl.parse("https://evil.example.com/services/T0/B0/steal", DEFAULTS));
        assertEquals("Host 'evil.example.com' is not on the webhook allowlist", refused.getMessage());
    }

    @Test
    void aWildcardCoversSubdomainsOnlyAndNoLookalikes() {
        for (String lookalike : List.of(
                "https://logic.azure.com/workflows/x",
                "https://prod-1.evillogic.azure.com.evil.io/workflows/x",
                "https://xlogic.azure.com/workflows/x",
                "https://hooks.slack.com.evil.io/services/x")) {
            assertThrows(InvalidChannel.class, () -> WebhookUrl.parse(lookalike, DEFAULTS), lookalike);
        }
        assertEquals(
                "https://HOOKS.Slack.com./services/T0/B0/x",
                WebhookUrl.parse("https://HOOKS.Slack.com./services/T0/B0/x", DEFAULTS)
                        .secret());
    }

    @Test
    void userInfoCannotSmuggleAnotherHost() {
        assertThrows(
                InvalidChannel.class,
                () -> WebhookUrl.parse("https://hooks.slack.com@evil.example.com/services/x", DEFAULTS));
        InvalidChannel refused = assertThrows(
                InvalidChannel.class, () -> WebhookUrl.parse("https://user:pw@hooks.slack.com/services/x", DEFAULTS));
        assertEquals("The webhook URL must not carry user info", refused.getMessage());
    }

    @Test
    void plainHttpOnlyWhereConfigured() {
        InvalidChannel refused = assertThrows(
                InvalidChannel.class, () -> WebhookUrl.parse("http://hooks.slack.com/services/T0/B0/x", DEFAULTS));
        assertEquals("The webhook URL must use https", refused.getMessage());
        HostAllowlist local = new HostAllowlist(List.of("127.0.0.1"), List.of("127.0.0.1"));
        assertEquals(
                "http://127.0.0.1:8099/services/T0/B0/x",
                WebhookUrl.parse("http://127.0.0.1:8099/services/T0/B0/x", local)
                        .secret());
        assertThrows(InvalidChannel.class, () -> WebhookUrl.parse("http://127.0.0.1:8099/x", DEFAULTS));
    }

    @Test
    void malformedUrlsAreRefusedWithoutEchoingThem() {
        for (String bad : List.of(
                "not a url", "hooks.slack.com/services/x", "ftp://hooks.slack.com/services/x", "https:///x", "")) {
            InvalidChannel refused = assertThrows(InvalidChannel.class, () -> WebhookUrl.parse(bad, DEFAULTS), bad);
            assertFalse(refused.getMessage().contains("services"), refused.getMessage());
        }
        assertThrows(
                InvalidChannel.class, () -> WebhookUrl.parse("https://hooks.slack.com/" + "a".repeat(2100), DEFAULTS));
    }

    @Test
    void maskedShowsEnoughToRecogniseTheChannelAndNothingToPostWith() {
        assertEquals(
                "https://hooks.slack.com/services/T0…/…/****",
                WebhookUrl.parse(SLACK, DEFAULTS).masked());
        assertEquals(
                "https://prod-23.westeurope.logic.azure.com:443/workflows/4f…/…/****?****",
                WebhookUrl.parse(TEAMS, DEFAULTS).masked());
        assertEquals(
                "https://hooks.slack.com/****",
                WebhookUrl.parse("https://hooks.slack.com/x", DEFAULTS).masked());
    }

    @Test
    void redactScrubsTheUrlItsPathAndItsQueryFromAnyText() {
        WebhookUrl slack = WebhookUrl.parse(SLACK, DEFAULTS);
        String vertx = "The timeout period of 1000ms has been exceeded while executing POST"
                + " /services/T0AB12CD3/B0XY98ZW7/s3cr3tT0k3nV4lu3 for server hooks.slack.com:443";
        assertFalse(slack.redact(vertx).contains("s3cr3t"));
        assertTrue(slack.redact(vertx).contains("hooks.slack.com:443"));
        assertEquals(
                "posting to https://hooks.slack.com/services/T0…/…/**** failed",
                slack.redact("posting to " + SLACK + " failed"));
        WebhookUrl teams = WebhookUrl.parse(TEAMS, DEFAULTS);
        assertFalse(teams.redact("POST " + TEAMS.substring(TEAMS.indexOf("/workflows")))
                .contains("s1gn4tur3"));
    }
}
