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
 * From a finding's page an Operator silences its notices or exempts it, the forms filled in from the finding; a Reader
 * is offered neither, and evaluation-service's 403 answers a forged exemption.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(StandInApis.class)
class FindingActionsTest {

    private static final String DEV_SUBSCRIPTION = "22222222-2222-2222-2222-222222222222";
    private static final String DEV_TEST_03 = "/subscriptions/" + DEV_SUBSCRIPTION
            + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/dev-test-03";

    @TestHTTPResource("/")
    URI console;

    @BeforeEach
    void devTest03sFinding() {
        StandInApis.CALLS.clear();
        StandInApis.REPLIES.clear();
        StandInApis.answer(
                "/api/findings/f3",
                200,
                ConsolePagesTest.finding("f3", "CW-AGENT-AMA-DOWN", "High", DEV_TEST_03, "AMA not sending heartbeats"));
    }

    @Test
    void aReaderIsOfferedNeitherASilenceNorAnExemption() throws Exception {
        HttpResponse<String> page = new Browser(console).signIn("/findings/f3", "soc-reader", "Coverwatch.Reader");

        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains("silence-form"), page.body());
        assertFalse(page.body().contains("exemption-form"), page.body());
    }

    @Test
    void anOperatorsFormsAreFilledInFromTheFinding() throws Exception {
        HttpResponse<String> page =
                new Browser(console).signIn("/findings/f3", "soc-operator", "Coverwatch.Reader", "Coverwatch.Operator");

        String html = page.body();
        assertTrue(
                html.contains(">rule=&quot;CW-AGENT-AMA-DOWN&quot;\nsubscription=&quot;" + DEV_SUBSCRIPTION
                        + "&quot;</textarea>"),
                html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"rule\" value=\"CW-AGENT-AMA-DOWN\">"), html);
        assertTrue(html.contains("<option value=\"" + DEV_TEST_03 + "\">this resource</option>"), html);
        assertTrue(
                html.contains(
                        "<option value=\"/subscriptions/" + DEV_SUBSCRIPTION + "\">its whole subscription</option>"),
                html);
    }

    @Test
    void anExemptionIsRelayedToEvaluationAndThePersonComesBackToTheFinding() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page =
                browser.signIn("/findings/f3", "soc-operator", "Coverwatch.Reader", "Coverwatch.Operator");
        StandInApis.answer("/api/exemptions", 201, "{\"id\": \"e1\", \"active\": true}");
        Instant before = Instant.now();

        HttpResponse<String> back = browser.post(
                "/findings/f3/exemption",
                "scope=" + Browser.encode(DEV_TEST_03) + "&rule=CW-AGENT-AMA-DOWN&reason="
                        + Browser.encode("rebuilt this week") + "&length=7d&csrf-token="
                        + Browser.encode(Browser.formToken(page.body())));

        assertEquals(200, back.statusCode(), back.body());
        assertEquals("/findings/f3", back.uri().getPath());
        JsonNode sent = new ObjectMapper()
                .readTree(StandInApis.only("POST", "/api/exemptions").body());
        assertEquals(DEV_TEST_03, sent.get("scope").asText());
        assertEquals("CW-AGENT-AMA-DOWN", sent.get("ruleId").asText());
        assertEquals("rebuilt this week", sent.get("reason").asText());
        assertFalse(Instant.parse(sent.get("expiry").asText()).isBefore(before.plus(Duration.ofDays(7))));
    }

    @Test
    void aForgedExemptionGetsEvaluationServicesRefusalAsAPage() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page = browser.signIn("/findings/f3", "soc-reader", "Coverwatch.Reader");
        StandInApis.answer(
                "/api/exemptions", 403, "{\"title\": \"Forbidden\", \"detail\": \"Coverwatch.Operator needed\"}");

        HttpResponse<String> forged = browser.post(
                "/findings/f3/exemption",
                "scope=" + Browser.encode(DEV_TEST_03) + "&rule=CW-AGENT-AMA-DOWN&reason=x&length=1d&csrf-token="
                        + Browser.encode(Browser.formToken(page.body())));

        assertEquals(403, forged.statusCode());
        assertTrue(
                forged.body().contains("evaluation-service refused (403): Coverwatch.Operator needed"), forged.body());
    }
}
