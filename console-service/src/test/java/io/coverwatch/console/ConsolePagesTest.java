package io.coverwatch.console;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.KafkaBroker;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's wiring: sign-in at the real local issuer (authorization code), the person's own token relayed to the
 * APIs, the pages' HTML (escaped), a service that is down, a 404, the 403 page, and the CSRF check on approving.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(StandInApis.class)
class ConsolePagesTest {

    private static final String DEV = "/subscriptions/22222222-2222-2222-2222-222222222222";
    private static final String SCRIPTED_VM =
            DEV + "/resourceGroups/dev-rg/providers/Microsoft.Compute/virtualMachines/<script>alert(1)</script>";

    @TestHTTPResource("/")
    URI console;

    KafkaBroker kafka;

    @BeforeEach
    void estate() {
        StandInApis.CALLS.clear();
        StandInApis.REPLIES.clear();
        StandInApis.answer(
                "/api/coverage/map?page=0&size=50",
                200,
                """
                {"kinds": ["VIRTUAL_MACHINE", "KEY_VAULT"], "blindSpots": [], "machines": 3, "subscriptions": 1,
                 "rows": [{"subscriptionId": "22222222-2222-2222-2222-222222222222", "name": "dev-subscription",
                   "production": false, "resources": 4, "covered": 1, "percentage": 25.0, "cells": [
                   {"plan": "VirtualMachines", "state": "NOT_COVERED", "resources": 3, "covered": 0,
                    "percentage": 0.0},
                   {"plan": "KeyVaults", "state": "COVERED", "resources": 1, "covered": 1, "percentage": 100.0}]}]}
                """);
        StandInApis.answer(
                "/api/score?controls=false",
                200,
                "{\"overall\": {\"percentage\": 61.5}, \"subscriptions\": {},"
                        + " \"reckonedAt\": \"2026-12-04T10:00:01Z\"}");
        StandInApis.answer("/api/coverage/history/estate?days=7", 200, "[]");
        StandInApis.answer(
                "/api/findings/summary?machines=50",
                200,
                """
                {"open": {"High": 1200, "Medium": 0, "Low": 3}, "notMonitoredMachines": 1100,
                 "notMonitored": [{"resourceId": "%s", "findingId": "f1", "diagnosis": "AMA not sending heartbeats"}]}
                """
                        .formatted(SCRIPTED_VM));
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignInAndBackToThePageAsked() throws Exception {
        HttpResponse<String> first = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(console.resolve("/agents")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, first.statusCode());
        assertTrue(
                first.headers().firstValue("Location").orElseThrow().contains("/authorize?"),
                first.headers().toString());

        StandInApis.answer("/api/agents?page=0&size=50", 200, "[]");
        HttpResponse<String> page = new Browser(console).signIn("/agents", "soc-analyst", "Coverwatch.Reader");
        assertEquals(200, page.statusCode(), page.body());
        assertEquals("/agents", page.uri().getPath());
        assertTrue(page.body().contains("No machine has sent a heartbeat"), page.body());
    }

    @Test
    void theOverviewReadsTheApisWithThePersonsOwnTokenAndSaysWhichServiceIsDown() throws Exception {
        StandInApis.answer(
                "/api/coverage/history/estate?days=7",
                503,
                "{\"title\": \"Service Unavailable\", \"detail\": \"PostgreSQL did not answer\"}");
        HttpResponse<String> page = new Browser(console).signIn("/overview", "soc-analyst", "Coverwatch.Reader");

        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("id=\"coverage-map\""), page.body());
        assertTrue(page.body().contains("Virtual machine"));
        assertTrue(page.body().contains("62 %"), "the secure score");
        assertTrue(page.body().contains("<time datetime=\"2026-12-04T10:00:01Z\""), "and when it was reckoned");
        assertTrue(page.body().contains("dev-subscription"), "the subscription's name, from evaluation's coverage");
        assertTrue(page.body().contains("<strong id=\"not-monitored\">1100</strong>"), "all of them, not a page's");
        assertTrue(page.body().contains(">1200</td>"), "open High findings, counted");
        // the coverage trend could not be read: the page says so and which service, and the rest is there.
        assertTrue(page.body().contains("Coverage trend: evaluation-service did not answer (HTTP 503)"), page.body());
        List<StandInApis.Call> calls = StandInApis.CALLS;
        assertFalse(calls.isEmpty());
        for (StandInApis.Call call : calls) {
            String token = call.authorization().substring("Bearer ".length());
            String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
            assertTrue(claims.contains("\"sub\":\"soc-analyst\""), "the person's own token: " + claims);
            assertTrue(claims.contains("\"aud\":\"coverwatch-local\""), claims);
        }
    }

    @Test
    void aMapOfManySubscriptionsIsReadAndShownFiftyAtATime() throws Exception {
        // evaluation sorts and pages the map (production first); the console asks for the page it shows.
        StandInApis.answer("/api/coverage/map?page=0&size=50", 200, mapPage(0, 50));
        StandInApis.answer("/api/coverage/map?page=1&size=50", 200, mapPage(50, 60));
        StandInApis.answer("/api/coverage/map?page=7&size=50", 200, mapPage(60, 60));
        Browser browser = new Browser(console);

        String first =
                browser.signIn("/overview", "soc-analyst", "Coverwatch.Reader").body();
        assertEquals(50, first.split("<tr data-subscription=").length - 1, "fifty rows a page");
        assertTrue(first.indexOf("sub-00") < first.indexOf("sub-49"), "in evaluation's order");
        assertTrue(first.contains("Subscriptions 1–50 of 60"), first);
        assertTrue(first.contains("href=\"/overview?map=1\""), first);

        String second = browser.get("/overview?map=1").body();
        assertEquals(10, second.split("<tr data-subscription=").length - 1);
        assertTrue(second.contains("Subscriptions 51–60 of 60"), second);
        assertTrue(second.contains("data-live=\"/overview/panels?map=1\""), "the live update keeps the page");
        assertEquals(second, browser.get("/overview?map=7").body().replace("?map=7", "?map=1"), "past the last");
        assertTrue(
                StandInApis.CALLS.stream().noneMatch(call -> call.pathAndQuery().equals("/api/coverage")),
                "never the whole estate's coverage");
    }

    /** Subscriptions {@code from} (inclusive) to {@code to} of a map of 60, a VM cell each. */
    private static String mapPage(int from, int to) {
        StringBuilder rows = new StringBuilder();
        for (int i = from; i < to; i++) {
            rows.append(i == from ? "" : ",")
                    .append(
                            """
                    {"subscriptionId": "%08d-0000-0000-0000-000000000000", "name": "sub-%02d", "production": false,
                     "resources": 1, "covered": 1, "percentage": 100.0, "cells": [{"plan": "VirtualMachines",
                     "state": "COVERED", "resources": 1, "covered": 1, "percentage": 100.0}]}"""
                                    .formatted(i, i));
        }
        return """
                {"kinds": ["VIRTUAL_MACHINE"], "blindSpots": [], "machines": 60, "subscriptions": 60, "rows": [%s]}"""
                .formatted(rows);
    }

    @Test
    void whatTheEstateNamesIsShownAsTextNeverAsMarkup() throws Exception {
        HttpResponse<String> page = new Browser(console).signIn("/overview", "soc-analyst", "Coverwatch.Reader");

        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), page.body());
        assertFalse(page.body().contains("<script>alert(1)"), page.body());
    }

    @Test
    void anUnknownFindingIsA404PageAndAFindingShowsItsWalk() throws Exception {
        Browser browser = new Browser(console);
        browser.signIn("/overview", "soc-analyst", "Coverwatch.Reader");

        HttpResponse<String> unknown = browser.get("/findings/nothing-by-this-id");
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("Coverwatch knows no finding nothing-by-this-id"), unknown.body());

        StandInApis.answer(
                "/api/findings/f1",
                200,
                finding("f1", "CW-AGENT-AMA-DOWN", "High", SCRIPTED_VM, "AMA not sending heartbeats"));
        StandInApis.answer(
                "/api/resources"
                        + SCRIPTED_VM
                                .replace("<", "%3C")
                                .replace(">", "%3E")
                                .replace("(", "%28")
                                .replace(")", "%29") + "/diagnosis",
                200,
                """
                {"resourceId": "x", "kind": "VIRTUAL_MACHINE", "agentHealth": "AMA_DOWN", "findings": [],
                 "steps": [
                   {"number": 1, "step": "PLAN", "label": "Defender plan", "question": "Is the plan on?", "result": "passed"},
                   {"number": 2, "step": "AGENT", "label": "Agent heartbeat", "question": "Is the agent alive?",
                    "result": "failed", "detail": "AMA not sending heartbeats"},
                   {"number": 3, "step": "MDE", "label": "MDE", "question": "Is MDE onboarded?", "result": "passed"}],
                 "firstFailure": {"number": 2, "step": "AGENT", "label": "Agent heartbeat", "question": "?",
                    "result": "failed"}}
                """);
        HttpResponse<String> finding = browser.get("/findings/f1");
        assertEquals(200, finding.statusCode(), finding.body());
        assertTrue(finding.body().contains("class=\"step failed first-failure\" data-step=\"2\""), finding.body());
        assertTrue(finding.body().contains("https://portal.azure.com/#@/resource" + DEV), finding.body());
        assertFalse(finding.body().contains("<script>alert(1)"), finding.body());
    }

    @Test
    void aPersonWithoutTheReaderRoleGetsThe403Page() throws Exception {
        HttpResponse<String> page = new Browser(console).signIn("/overview", "visitor");
        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("not assigned the app role <code>Coverwatch.Reader</code>"), page.body());
        assertTrue(StandInApis.CALLS.isEmpty(), "nothing was read for them");
    }

    @Test
    void approvingNeedsTheFormsTokenAndTheServiceDecides() throws Exception {
        Browser browser = new Browser(console);
        HttpResponse<String> page = browser.signIn("/overview", "soc-reader", "Coverwatch.Reader");

        HttpResponse<String> forged = browser.post("/remediations/r1/approve", "comment=ok");
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().contains("The form&#39;s token is not this browser&#39;s"), forged.body());
        assertTrue(StandInApis.CALLS.stream().noneMatch(call -> call.method().equals("POST")), "nothing was relayed");

        StandInApis.answer(
                "/api/remediations/r1/approve",
                403,
                "{\"title\": \"Forbidden\", \"detail\": \"Coverwatch.Approver needed\"}");
        HttpResponse<String> refused = browser.post(
                "/remediations/r1/approve", "comment=ok&csrf-token=" + Browser.encode(Browser.formToken(page.body())));
        assertEquals(403, refused.statusCode());
        assertTrue(
                refused.body().contains("remediation-service refused (403): Coverwatch.Approver needed"),
                refused.body());
        StandInApis.Call relayed = StandInApis.CALLS.stream()
                .filter(call -> call.method().equals("POST"))
                .findFirst()
                .orElseThrow();
        assertEquals("{\"comment\":\"ok\"}", relayed.body());
    }

    @Test
    void aFindingOnTheTopicNudgesOpenPagesOverServerSentEvents() throws Exception {
        Browser browser = new Browser(console);
        browser.signIn("/overview", "soc-analyst", "Coverwatch.Reader");
        HttpResponse<Stream<String>> stream = browser.lines("/live").get(30, TimeUnit.SECONDS);
        assertEquals(200, stream.statusCode());
        List<String> received = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> stream.body().forEach(received::add));
        reader.setDaemon(true);
        reader.start();

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
            // The console reads from the newest record on, once its consumer has the topic: send until one arrives.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        producer.send(new ProducerRecord<>(
                                "coverwatch.evaluation.findings", "f1", "{}".getBytes(StandardCharsets.UTF_8)));
                        return received.contains("data:finding");
                    });
        }
        assertTrue(received.stream().noneMatch(line -> line.contains("{}")), "the nudge carries nothing of the event");
    }

    static String finding(String id, String rule, String severity, String resourceId, String diagnosis) {
        return """
                {"findingId": "%s", "ruleId": "%s", "title": "Azure Monitor Agent not sending heartbeats",
                 "severity": "%s", "resourceId": "%s", "resourceType": "Microsoft.Compute/virtualMachines",
                 "subscriptionId": "22222222-2222-2222-2222-222222222222", "status": "open", "diagnosis": "%s",
                 "diagnosisStep": "EXTENSION_STATUS", "firstSeen": "2026-12-04T10:00:00Z", "lastSeen": "2026-12-04T10:00:00Z"}
                """
                .formatted(id, rule, severity, resourceId, diagnosis);
    }
}
