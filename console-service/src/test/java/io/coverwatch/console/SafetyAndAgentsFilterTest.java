package io.coverwatch.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The safety switches: everyone sees them, only an Admin is offered the forms, a reason is required, and
 * remediation-service's 403 answers a forged switch; and the agents table filtered by subscription as a deep link.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(StandInApis.class)
class SafetyAndAgentsFilterTest {

    private static final String PROD_SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
    private static final String SAFETY =
            """
            {"killSwitch": false, "dryRun": true, "changedBy": "soc-lead", "changedAt": "2026-12-04T09:00:00Z",
             "reason": "<b>first week</b>", "optOutTag": "coverwatch=ignore", "blastRadiusCap": 20,
             "blastRadiusWindow": "PT1H", "rateLimit": 10, "rateWindow": "PT1M", "breakerThreshold": 3,
             "maxReinstallAttempts": 3}
            """;

    @TestHTTPResource("/")
    URI console;

    @BeforeEach
    void switches() {
        StandInApis.CALLS.clear();
        StandInApis.REPLIES.clear();
        StandInApis.answer("/api/safety", 200, SAFETY);
    }

    @Test
    void aReaderSeesTheSwitchesButIsOfferedNoneAndAForgedOneMeetsTheServicesRefusal() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page = browser.signIn("/remediations/safety", "soc-reader", "Coverwatch.Reader");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("<td class=\"state bad\">on</td>"), "dry-run is on: " + page.body());
        assertTrue(page.body().contains("&lt;b&gt;first week&lt;/b&gt;"), "the reason is text: " + page.body());
        assertFalse(page.body().contains("action=\"/remediations/safety/"), "no form for a Reader: " + page.body());

        StandInApis.answer(
                "/api/safety/kill-switch", 403, "{\"title\": \"Forbidden\", \"detail\": \"Coverwatch.Admin needed\"}");
        HttpResponse<String> forged = browser.post(
                "/remediations/safety/kill-switch",
                "on=true&reason=stop&csrf-token=" + Browser.encode(Browser.formToken(page.body())));
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("remediation-service refused (403): Coverwatch.Admin needed"), forged.body());
        StandInApis.Call relayed = StandInApis.only("PUT", "/api/safety/kill-switch");
        assertTrue(relayed.authorization().startsWith("Bearer "), "relayed as the person");
    }

    @Test
    void anAdminTurnsDryRunOffSayingWhyAndWithoutAReasonNothingIsSent() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page =
                browser.signIn("/remediations/safety", "soc-admin", "Coverwatch.Reader", "Coverwatch.Admin");
        assertTrue(page.body().contains("Turn dry-run off"), page.body());
        assertTrue(page.body().contains("Engage the kill switch"), page.body());
        assertTrue(page.body().contains("id=\"reset-breaker\""), page.body());
        String token = Browser.encode(Browser.formToken(page.body()));

        HttpResponse<String> unreasoned =
                browser.post("/remediations/safety/dry-run", "on=false&reason=+&csrf-token=" + token);
        assertEquals(400, unreasoned.statusCode());
        assertTrue(unreasoned.body().contains("reason is required"), unreasoned.body());
        HttpResponse<String> stale = browser.post("/remediations/safety/dry-run", "on=false&reason=go+live");
        assertEquals(403, stale.statusCode());
        assertTrue(StandInApis.CALLS.stream().noneMatch(call -> call.method().equals("PUT")), "nothing was relayed");

        StandInApis.answer("/api/safety/dry-run", 200, SAFETY);
        HttpResponse<String> after =
                browser.post("/remediations/safety/dry-run", "on=false&reason=go+live&csrf-token=" + token);
        assertEquals(200, after.statusCode(), after.body());
        assertEquals("/remediations/safety", after.uri().getPath(), "post/redirect/get");
        String body = StandInApis.only("PUT", "/api/safety/dry-run").body();
        assertTrue(body.contains("\"on\":false") && body.contains("\"reason\":\"go live\""), body);

        StandInApis.answer("/api/safety/breakers/reset", 200, SAFETY);
        browser.post(
                "/remediations/safety/breakers/reset",
                "subscriptionId=" + PROD_SUBSCRIPTION + "&action=REINSTALL_EXTENSION&csrf-token=" + token);
        String reset = StandInApis.only("POST", "/api/safety/breakers/reset").body();
        assertTrue(
                reset.contains("\"subscriptionId\":\"" + PROD_SUBSCRIPTION + "\"")
                        && reset.contains("\"action\":\"REINSTALL_EXTENSION\""),
                reset);
    }

    @Test
    void theAgentsTableFilteredBySubscriptionIsADeepLinkAndItsPagerKeepsTheFilter() throws Exception {
        StringBuilder page = new StringBuilder("[");
        for (int i = 0; i < 50; i++) {
            page.append(i == 0 ? "" : ",")
                    .append("{\"resourceId\": \"/subscriptions/")
                    .append(PROD_SUBSCRIPTION)
                    .append("/resourcegroups/prod-rg/providers/microsoft.compute/virtualmachines/prod-web-")
                    .append(i)
                    .append("\", \"computer\": \"prod-web-")
                    .append(i)
                    .append("\", \"agent\": \"AMA\", \"country\": \"GB\", \"lastHeartbeat\": \"2026-12-04T09:00:00Z\",")
                    .append(" \"lastHeartbeatAgo\": \"4 hours ago\", \"status\": \"AMA_DOWN\"}");
        }
        StandInApis.answer(
                "/api/agents?page=0&size=50&subscription=" + PROD_SUBSCRIPTION,
                200,
                page.append(']').toString());

        HttpResponse<String> agents = new Browser(console)
                .signIn("/agents?subscription=" + PROD_SUBSCRIPTION, "soc-analyst", "Coverwatch.Reader");

        assertEquals(200, agents.statusCode(), agents.body());
        assertTrue(agents.body().contains("name=\"subscription\" value=\"" + PROD_SUBSCRIPTION + "\""), agents.body());
        assertTrue(agents.body().contains("prod-web-49"), agents.body());
        assertTrue(
                agents.body().contains("href=\"/agents?page=1&amp;subscription=" + PROD_SUBSCRIPTION + "\""),
                agents.body());
    }

    @Test
    void theAgentsTableFilteredByStateIsADeepLinkThatKeepsTheStateChosen() throws Exception {
        StandInApis.answer(
                "/api/agents?page=0&size=50&subscription=" + PROD_SUBSCRIPTION + "&state=POWERED_OFF",
                200,
                "[{\"resourceId\": \"/subscriptions/" + PROD_SUBSCRIPTION
                        + "/resourcegroups/prod-rg/providers/microsoft.compute/virtualmachines/prod-spare-01\","
                        + " \"computer\": \"prod-spare-01\", \"agent\": \"AMA\", \"country\": \"GB\","
                        + " \"lastHeartbeat\": \"2026-12-01T09:00:00Z\", \"lastHeartbeatAgo\": \"3 days ago\","
                        + " \"status\": \"POWERED_OFF\"}]");

        HttpResponse<String> agents = new Browser(console)
                .signIn(
                        "/agents?subscription=" + PROD_SUBSCRIPTION + "&state=POWERED_OFF",
                        "soc-analyst",
                        "Coverwatch.Reader");

        assertEquals(200, agents.statusCode(), agents.body());
        assertTrue(
                agents.body().contains("<option value=\"POWERED_OFF\" selected>powered off</option>"), agents.body());
        assertTrue(agents.body().contains("prod-spare-01"), agents.body());
        assertTrue(agents.body().contains(">powered off</td>"), agents.body());
        assertTrue(agents.body().contains("All machines"), agents.body());
    }

    @Test
    void aSubscriptionThatIsNotAnIdIsTheServicesOwnWordsOnThePage() throws Exception {
        StandInApis.answer(
                "/api/agents?page=0&size=50&subscription=prod",
                400,
                "{\"title\": \"Bad Request\", \"detail\": \"subscription: must be a subscription ID (a GUID)\"}");

        HttpResponse<String> agents =
                new Browser(console).signIn("/agents?subscription=prod", "soc-analyst", "Coverwatch.Reader");

        assertEquals(200, agents.statusCode(), agents.body());
        assertTrue(agents.body().contains("must be a subscription ID (a GUID)"), agents.body());
    }
}
