package io.coverwatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notifications page against notification-service's API: channels masked as the service masks them, parked
 * deliveries and their re-drive, silences made and expired, the test alert followed to each channel; what a Reader is
 * not offered, and the service's refusal of a forged form.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(StandInApis.class)
class NotificationsPageTest {

    private static final String SILENCE_ID = "5d0c4e4e-0000-4000-8000-00000000000a";

    @TestHTTPResource("/")
    URI console;

    @BeforeEach
    void notificationService() {
        StandInApis.CALLS.clear();
        StandInApis.REPLIES.clear();
        StandInApis.answer(
                "/api/channels",
                200,
                """
                [{"id": "0b7f6a52-0000-4000-8000-000000000001", "name": "soc-slack <b>now</b>", "kind": "slack",
                  "url": "https://hooks.slack.com/services/T0/****", "signed": false, "ratePerSecond": 1.0,
                  "createdAt": "2026-12-01T09:00:00Z", "updatedAt": "2026-12-01T09:00:00Z"}]
                """);
        StandInApis.answer(
                "/api/deliveries?page=0&size=50&status=parked",
                200,
                """
                [{"id": 7, "deliveryKey": "flush-1", "channelId": "0b7f6a52-0000-4000-8000-000000000001",
                  "channelName": "soc-slack", "part": 0, "status": "PARKED", "attempts": 8,
                  "lastError": "no_service <img src=x>", "lastHttpStatus": 404,
                  "createdAt": "2026-12-04T10:00:00Z"}]
                """);
        StandInApis.answer(
                "/api/silences?size=100",
                200,
                """
                [{"id": "%s", "matchers": ["rule=\\"CW-AGENT-AMA-DOWN\\"", "tag:env=\\"dev\\""],
                  "createdBy": {"subject": "soc-operator", "name": "SOC Operator"},
                  "comment": "dev-test-03 is being rebuilt", "startsAt": "2026-12-04T08:00:00Z",
                  "endsAt": "2026-12-05T08:00:00Z", "state": "active"}]
                """
                        .formatted(SILENCE_ID));
    }

    @Test
    void aReaderSeesChannelsMaskedParkedDeliveriesAndSilencesButNoButtons() throws Exception {
        HttpResponse<String> page = new Browser(console).signIn("/notifications", "soc-reader", "Coverwatch.Reader");

        assertEquals(200, page.statusCode(), page.body());
        String html = page.body();
        assertTrue(html.contains("https://hooks.slack.com/services/T0/****"), html);
        assertTrue(html.contains("soc-slack &lt;b&gt;now&lt;/b&gt;"), "a channel's name is text: " + html);
        assertTrue(html.contains("data-delivery-id=\"7\" data-status=\"PARKED\""), html);
        assertTrue(html.contains("HTTP 404: no_service &lt;img src=x&gt;"), html);
        assertTrue(html.contains("rule=&quot;CW-AGENT-AMA-DOWN&quot;"), html);
        assertTrue(html.contains("dev-test-03 is being rebuilt"), html);
        assertFalse(html.contains("<img src=x>"), html);
        assertFalse(html.contains("Re-drive"), "a Reader is offered no re-drive");
        assertFalse(html.contains("send-test-alert"), "nor the test alert");
        assertFalse(html.contains("create-silence"), "nor a new silence");
        assertFalse(html.contains("Expire now"), "nor expiring one");
    }

    @Test
    void anOperatorIsOfferedTheButtonsAndARedriveIsRelayedAsThem() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page =
                browser.signIn("/notifications", "soc-operator", "Coverwatch.Reader", "Coverwatch.Operator");
        String html = page.body();
        assertTrue(html.contains("action=\"/notifications/deliveries/7/redrive\""), html);
        assertTrue(html.contains("id=\"send-test-alert\""), html);
        assertTrue(html.contains("id=\"create-silence\""), html);
        assertTrue(html.contains("action=\"/notifications/silences/" + SILENCE_ID + "/expire\""), html);

        StandInApis.answer("/api/deliveries/7/redrive", 200, "{\"id\": 7, \"status\": \"PENDING\"}");
        StandInApis.answer("/api/deliveries?page=0&size=50", 200, "[]");
        HttpResponse<String> after = browser.post(
                "/notifications/deliveries/7/redrive", "csrf-token=" + Browser.encode(Browser.formToken(html)));
        assertEquals(200, after.statusCode(), after.body());
        assertEquals("/notifications", after.uri().getPath());
        StandInApis.Call relayed = StandInApis.only("POST", "/api/deliveries/7/redrive");
        assertTrue(relayed.authorization().startsWith("Bearer "), relayed.toString());

        StandInApis.answer(
                "/api/silences/" + SILENCE_ID, 200, "{\"id\": \"" + SILENCE_ID + "\", \"state\": \"expired\"}");
        browser.post(
                "/notifications/silences/" + SILENCE_ID + "/expire",
                "csrf-token=" + Browser.encode(Browser.formToken(html)));
        StandInApis.only("DELETE", "/api/silences/" + SILENCE_ID);
    }

    @Test
    void aForgedRedriveGetsNotificationServicesRefusalAsAPage() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page = browser.signIn("/notifications", "soc-reader", "Coverwatch.Reader");

        HttpResponse<String> noToken = browser.post("/notifications/deliveries/7/redrive", "");
        assertEquals(403, noToken.statusCode());
        assertTrue(StandInApis.CALLS.stream().noneMatch(call -> call.method().equals("POST")), "nothing was relayed");

        StandInApis.answer(
                "/api/deliveries/7/redrive",
                403,
                "{\"title\": \"Forbidden\", \"detail\": \"Coverwatch.Operator needed\"}");
        HttpResponse<String> forged = browser.post(
                "/notifications/deliveries/7/redrive", "csrf-token=" + Browser.encode(Browser.formToken(page.body())));
        assertEquals(403, forged.statusCode());
        assertTrue(
                forged.body().contains("notification-service refused (403): Coverwatch.Operator needed"),
                forged.body());
    }

    @Test
    void aSilenceIsRelayedWithOneMatcherALineAndAnExpiryFromTheChosenLength() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page =
                browser.signIn("/notifications", "soc-operator", "Coverwatch.Reader", "Coverwatch.Operator");
        String token = "&csrf-token=" + Browser.encode(Browser.formToken(page.body()));

        HttpResponse<String> badLength = browser.post(
                "/notifications/silences",
                "matchers=" + Browser.encode("rule=\"CW-DEF-SERVERS\"") + "&comment=x&length=forever" + token);
        assertEquals(400, badLength.statusCode());
        assertTrue(badLength.body().contains("length must be one of 1h, 4h, 1d, 7d"), badLength.body());
        assertTrue(StandInApis.CALLS.stream().noneMatch(call -> call.method().equals("POST")), "nothing was relayed");

        StandInApis.answer("/api/silences", 201, "{\"id\": \"" + SILENCE_ID + "\"}");
        Instant before = Instant.now();
        HttpResponse<String> made = browser.post(
                "/notifications/silences",
                "matchers=" + Browser.encode("rule=\"CW-DEF-SERVERS\"\r\n\r\n subscription=\"2222\" \r\n") + "&comment="
                        + Browser.encode("plan change approved") + "&length=4h" + token);
        assertEquals(200, made.statusCode(), made.body());
        JsonNode sent = new ObjectMapper()
                .readTree(StandInApis.only("POST", "/api/silences").body());
        assertEquals(
                "[\"rule=\\\"CW-DEF-SERVERS\\\"\",\"subscription=\\\"2222\\\"\"]",
                sent.get("matchers").toString());
        assertEquals("plan change approved", sent.get("comment").asText());
        Instant endsAt = Instant.parse(sent.get("endsAt").asText());
        assertFalse(endsAt.isBefore(before.plus(Duration.ofHours(4))), endsAt.toString());
        assertTrue(endsAt.isBefore(Instant.now().plus(Duration.ofHours(4)).plusSeconds(1)), endsAt.toString());
    }

    @Test
    void theTestAlertLeadsToItsReportOfWhenItReachedEachChannel() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page =
                browser.signIn("/notifications", "soc-operator", "Coverwatch.Reader", "Coverwatch.Operator");
        String id = "7e57a1e7-0000-4000-8000-000000000001";
        StandInApis.answer("/api/test-alert", 202, "{\"id\": \"" + id + "\", \"channels\": []}");
        StandInApis.answer(
                "/api/test-alert/" + id,
                200,
                """
                {"id": "%s", "requestedAt": "2026-12-04T10:00:00Z", "requestedBy": "api", "reachedEveryChannel": false,
                 "channels": [
                   {"channelName": "soc-slack", "status": "DELIVERED", "attempts": 1, "deliveredAt": "2026-12-04T10:00:01Z"},
                   {"channelName": "soc-teams", "status": "PENDING", "attempts": 2, "lastError": "HTTP 503"}]}
                """
                        .formatted(id));

        HttpResponse<String> report = browser.post(
                "/notifications/test-alerts", "csrf-token=" + Browser.encode(Browser.formToken(page.body())));

        assertEquals(200, report.statusCode(), report.body());
        assertEquals("/notifications/test-alerts/" + id, report.uri().getPath(), "the report has its own URL");
        assertTrue(report.body().contains("datetime=\"2026-12-04T10:00:01Z\""), report.body());
        assertTrue(report.body().contains("It has not reached every channel yet"), report.body());
        assertTrue(report.body().contains("HTTP 503"), report.body());
        StandInApis.only("POST", "/api/test-alert");

        HttpResponse<String> unknown = browser.get("/notifications/test-alerts/nothing");
        assertEquals(404, unknown.statusCode());
    }

    @Test
    void aPartNotificationServiceCannotGiveIsNamedAndTheRestRenders() throws Exception {
        StandInApis.answer("/api/channels", 503, "{}");

        HttpResponse<String> page = new Browser(console).signIn("/notifications", "soc-reader", "Coverwatch.Reader");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("Channels: notification-service did not answer (HTTP 503)"), page.body());
        assertTrue(page.body().contains("data-delivery-id=\"7\""), page.body());
        assertTrue(page.body().contains("dev-test-03 is being rebuilt"), page.body());
    }
}
