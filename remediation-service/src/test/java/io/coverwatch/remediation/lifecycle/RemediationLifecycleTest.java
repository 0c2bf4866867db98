package io.coverwatch.remediation.lifecycle;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingChanged;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.OperatingSystem;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.Topics;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.contracts.VmExtension;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.coverwatch.localinfra.KafkaProbe;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.remediation.execution.ExecutionOutcome;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle wired to the real broker and database: findings and inventory arrive on Kafka, decisions and the
 * audit trail show through REST, events leave on {@code coverwatch.remediation.events}. Each test has a subscription
 * of its own; the executor is scripted.
 */
@QuarkusTest
@TestProfile(ScriptedExecutor.Profile.class)
@WithTestResource(LocalInfraTestResource.class)
class RemediationLifecycleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Instant FOUR_HOURS_AGO = Instant.now().minus(Duration.ofHours(4));

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    ScriptedExecutor executor;

    LocalTokenIssuer issuer;

    private KafkaProbe kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaProbe(bootstrapServers);
        SignedIn.as(issuer, "soc-lead", Roles.READER, Roles.OPERATOR, Roles.APPROVER, Roles.ADMIN);
    }

    @AfterEach
    void disconnect() {
        switchTo("dry-run", true);
        switchTo("kill-switch", false);
        given().contentType(ContentType.JSON)
                .body("[]")
                .put("/api/policies")
                .then()
                .statusCode(200);
        kafka.close();
    }

    @Test
    void onAFreshInstallDevTest03sSilentAgentGetsADryRunThatSaysExactlyWhatItWouldSend() throws Exception {
        String subscription = newSubscription();
        String devTest03 = vmId(subscription, "dev-test-03");
        describe(new ResourceUpserted(linuxVm(devTest03, subscription, Map.of()), "h1"));
        Finding amaDown = finding("CW-AGENT-AMA-DOWN", devTest03, subscription);

        publish(new FindingOpened(amaDown));
        publish(new FindingOpened(amaDown)); // the same episode again: planned once

        String id = awaitStatus(amaDown, "DRY_RUN");
        given().get("/api/remediations/" + id)
                .then()
                .body("remediation.action", equalTo("REINSTALL_EXTENSION"))
                .body("remediation.dryRun", equalTo(true))
                .body("remediation.request", containsString("PUT " + devTest03 + "/extensions/AzureMonitorLinuxAgent"))
                .body("remediation.reason", containsString("Dry run, nothing was changed"))
                .body("trail", hasSize(1))
                .body("trail[0].actor", equalTo("coverwatch"))
                .body("trail[0].entry", equalTo("PLANNED"));
        given().get("/api/remediations?finding=" + amaDown.findingId()).then().body("total", equalTo(1));
        assertEquals(List.of(), executor.executedOn(devTest03), "a dry run changes nothing");
        assertEquals(List.of("coverwatch.remediation.planned"), eventTypes(amaDown));
    }

    @Test
    void aDefenderPlanWaitsForApprovalThenRunsOnceAndIsVerifiedWhenTheFindingResolves() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        String subscriptionId = AzureResource.subscriptionResourceId(subscription);
        describe(new ResourceUpserted(prodSubscription(subscription), "h1"));
        Finding plan = finding("CW-DEF-SERVERS", subscriptionId, subscription);

        publish(new FindingOpened(plan));
        String id = awaitStatus(plan, "AWAITING_APPROVAL");
        given().get("/api/remediations/" + id)
                .then()
                .body("remediation.reason", containsString("a Defender plan costs money"))
                .body("remediation.reason", containsString("Approving sends: PUT " + subscriptionId));
        given().contentType(ContentType.JSON)
                .body("{\"comment\":\"prod must be covered\"}")
                .post("/api/remediations/" + id + "/approve")
                .then()
                .statusCode(200)
                .body("status", equalTo("QUEUED"))
                .body("approvedBy", equalTo("soc-lead"));
        awaitStatus(plan, "EXECUTED");
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/remediations/" + id + "/approve")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("is EXECUTED, not waiting for approval"));

        publish(new FindingResolved(plan));
        awaitStatus(plan, "VERIFIED");
        assertEquals(1, executor.executedOn(subscriptionId).size());
        assertEquals(
                "/subscriptions/" + subscription
                        + "/providers/Microsoft.Security/pricings/VirtualMachines?api-version=2024-01-01",
                executor.executedOn(subscriptionId).get(0).request().path());
        given().get("/api/remediations/" + id)
                .then()
                .body("trail.entry", equalTo(List.of("HELD", "APPROVED", "EXECUTING", "EXECUTED", "VERIFIED")))
                .body("trail[1].actor", equalTo("soc-lead"))
                .body("trail[1].reason", equalTo("prod must be covered"))
                .body("trail[3].result", equalTo("201 Created, provisioningState Succeeded"));
        assertEquals(
                List.of(
                        "coverwatch.remediation.awaiting-approval",
                        "coverwatch.remediation.approved",
                        "coverwatch.remediation.executed",
                        "coverwatch.remediation.verified"),
                eventTypes(plan));
    }

    @Test
    void theKillSwitchRefusesAndTheOptOutTagProtectsACriticalVm() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        String prodWeb01 = vmId(subscription, "prod-web-01");
        String prodDb01 = vmId(subscription, "prod-db-01");
        describe(new ResourceUpserted(linuxVm(prodWeb01, subscription, Map.of()), "h1"));
        describe(new ResourceUpserted(linuxVm(prodDb01, subscription, Map.of("coverwatch-remediation", "off")), "h1"));
        Finding web = finding("CW-AGENT-AMA-DOWN", prodWeb01, subscription);
        Finding db = finding("CW-AGENT-AMA-DOWN", prodDb01, subscription);

        switchTo("kill-switch", true);
        publish(new FindingOpened(web));
        String webId = awaitStatus(web, "REFUSED");
        given().get("/api/remediations/" + webId).then().body("remediation.reason", containsString("kill switch"));
        switchTo("kill-switch", false);

        publish(new FindingOpened(db));
        String dbId = awaitStatus(db, "REFUSED");
        given().get("/api/remediations/" + dbId)
                .then()
                .body("remediation.reason", containsString("carries the opt-out tag coverwatch-remediation=off"));

        // With the switch off again, a person asks for prod-web-01's fix once more, and it runs.
        given().contentType(ContentType.JSON)
                .body("{\"findingId\":\"" + web.findingId() + "\",\"comment\":\"switch is off again\"}")
                .post("/api/remediations")
                .then()
                .statusCode(201);
        await().atMost(TIMEOUT).until(() -> executor.executedOn(prodWeb01).size() == 1);
        assertEquals(List.of(), executor.executedOn(prodDb01));
        assertTrue(eventTypes(web).contains("coverwatch.remediation.refused"));
    }

    @Test
    void theBlastRadiusCapStopsAStormOf100FindingsAtTwentyAndAnnouncesTheStopOnce() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        for (int i = 0; i < 100; i++) {
            String vm = vmId(subscription, "storm-%03d".formatted(i));
            publish(new ResourceUpserted(linuxVm(vm, subscription, Map.of()), "h1"));
        }
        kafka.awaitCaughtUp("remediation-service", Topics.RESOURCES, TIMEOUT);
        for (int i = 0; i < 100; i++) {
            publish(new FindingOpened(
                    finding("CW-AGENT-AMA-DOWN", vmId(subscription, "storm-%03d".formatted(i)), subscription)));
        }

        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            given().get("/api/remediations?subscription=" + subscription + "&status=EXECUTED")
                    .then()
                    .body("total", equalTo(20));
            given().get("/api/remediations?subscription=" + subscription + "&status=AWAITING_APPROVAL")
                    .then()
                    .body("total", equalTo(80));
        });
        given().get("/api/remediations?subscription=" + subscription + "&status=AWAITING_APPROVAL&size=1")
                .then()
                .body("items[0].reason", containsString("Blast-radius cap reached: 20 changes in subscription"));
        long announcements = kafka.readAll(Topics.REMEDIATION_EVENTS).stream()
                .filter(record -> "coverwatch.remediation.escalated"
                        .equals(KafkaProbe.header(record, "ce_type").orElse("")))
                .filter(record ->
                        KafkaProbe.header(record, "ce_subject").orElse("").contains(subscription))
                .count();
        assertEquals(1, announcements, "the cap's stop is announced once");
    }

    @Test
    void aPlanWaitingForApprovalIsCancelledWhenItsResourceIsDeleted() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        given().contentType(ContentType.JSON)
                .body("[{\"action\":\"REINSTALL_EXTENSION\",\"scopeKind\":\"SUBSCRIPTION\",\"scopeValue\":\""
                        + subscription + "\",\"mode\":\"APPROVAL\"}]")
                .put("/api/policies")
                .then()
                .statusCode(200)
                .body("policies[0].changedBy", equalTo("soc-lead"))
                .body("defaults.ENABLE_DEFENDER_PLAN", equalTo("APPROVAL"));
        String analyticsVm = vmId(subscription, "analytics-vm-01");
        describe(new ResourceUpserted(linuxVm(analyticsVm, subscription, Map.of()), "h1"));
        Finding amaDown = finding("CW-AGENT-AMA-DOWN", analyticsVm, subscription);
        publish(new FindingOpened(amaDown));
        String id = awaitStatus(amaDown, "AWAITING_APPROVAL");

        publish(new ResourceDeleted(analyticsVm, AzureResource.VIRTUAL_MACHINE_TYPE, subscription));

        awaitStatus(amaDown, "CANCELLED");
        given().get("/api/remediations/" + id)
                .then()
                .body("remediation.reason", equalTo("The resource no longer exists: inventory reported it deleted."));
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/remediations/" + id + "/reject")
                .then()
                .statusCode(409);
    }

    @Test
    void aFindingForAResourceInventoryAlreadyDeletedIsCancelledWithThatReason() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        String gone = vmId(subscription, "decommissioned-01");
        describe(new ResourceUpserted(linuxVm(gone, subscription, Map.of()), "h1"));
        publish(new ResourceDeleted(gone, AzureResource.VIRTUAL_MACHINE_TYPE, subscription));
        kafka.awaitCaughtUp("remediation-service", Topics.RESOURCES, TIMEOUT);

        Finding late = finding("CW-AGENT-AMA-DOWN", gone, subscription);
        publish(new FindingOpened(late));

        String id = awaitStatus(late, "CANCELLED");
        given().get("/api/remediations/" + id)
                .then()
                .body("remediation.reason", containsString("The resource no longer exists"));
        assertEquals(List.of(), executor.executedOn(gone));
    }

    @Test
    void aFindingThatArrivedBeforeItsMachineIsPlannedOnceInventoryDescribesItAndTheTrailNamesThePlan()
            throws Exception {
        String subscription = newSubscription();
        String early = vmId(subscription, "early-01");
        Finding amaDown = finding("CW-AGENT-AMA-DOWN", early, subscription);
        publish(new FindingOpened(amaDown));
        String waiting = awaitStatus(amaDown, "MANUAL");
        given().get("/api/remediations/" + waiting).then().body("remediation.action", equalTo("MISSING_FACTS"));

        describe(new ResourceUpserted(linuxVm(early, subscription, Map.of()), "h1"));

        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/remediations?finding=" + amaDown.findingId())
                .then()
                .body("items", hasSize(2))
                .body("items.status", hasItems("CANCELLED", "DRY_RUN")));
        String replanned = given().get("/api/remediations?finding=" + amaDown.findingId() + "&status=DRY_RUN")
                .then()
                .extract()
                .path("items[0].remediationId");
        given().get("/api/remediations/" + waiting)
                .then()
                .body("remediation.status", equalTo("CANCELLED"))
                .body("trail.entry", hasItemsInOrder("PLANNED", "CANCELLED", "PLANNED"))
                .body("trail[-1].reason", equalTo("Planned again as remediation " + replanned + " (DRY_RUN)."));
    }

    @Test
    void whoeverRequestsARemediationCannotApproveItThemselves() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        publish(new ResourceUpserted(prodSubscription(subscription), "h1"));
        Finding plan = finding("CW-DEF-SERVERS", AzureResource.subscriptionResourceId(subscription), subscription);
        switchTo("kill-switch", true);
        publish(new FindingOpened(plan));
        awaitStatus(plan, "REFUSED");
        switchTo("kill-switch", false);

        String requested = given().contentType(ContentType.JSON)
                .body("{\"findingId\":\"" + plan.findingId() + "\",\"comment\":\"after the freeze\"}")
                .post("/api/remediations")
                .then()
                .statusCode(201)
                .body("status", equalTo("AWAITING_APPROVAL"))
                .body("requestedBy", equalTo("soc-lead"))
                .extract()
                .path("remediationId");

        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/remediations/" + requested + "/approve")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("someone else must approve it"));
    }

    @Test
    void aThrottledChangeIsTriedAgainAndAForbiddenOneFails() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        String throttled = vmId(subscription, "prod-web-02");
        String forbidden = vmId(subscription, "prod-web-03");
        describe(new ResourceUpserted(linuxVm(throttled, subscription, Map.of()), "h1"));
        describe(new ResourceUpserted(linuxVm(forbidden, subscription, Map.of()), "h1"));
        executor.script(throttled, new ExecutionOutcome.Failed("429 TooManyRequests", true));
        executor.script(
                forbidden,
                new ExecutionOutcome.Failed(
                        "403 RequestDisallowedByPolicy: the policy 'deny-extensions' disallowed the extension", false));

        Finding throttledFinding = finding("CW-AGENT-AMA-DOWN", throttled, subscription);
        Finding forbiddenFinding = finding("CW-AGENT-AMA-DOWN", forbidden, subscription);
        publish(new FindingOpened(throttledFinding));
        publish(new FindingOpened(forbiddenFinding));

        String throttledId = awaitStatus(throttledFinding, "EXECUTED");
        given().get("/api/remediations/" + throttledId)
                .then()
                .body("remediation.attempts", equalTo(2))
                .body("trail.entry", hasItemsInOrder("RETRY", "EXECUTED"));
        String forbiddenId = awaitStatus(forbiddenFinding, "FAILED");
        given().get("/api/remediations/" + forbiddenId)
                .then()
                .body("remediation.attempts", equalTo(1))
                .body("remediation.reason", containsString("RequestDisallowedByPolicy"));
    }

    @Test
    void aMachineWithOutboundBlockedGetsOneManualPlanWhicheverOfItsFindingsArrives() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        String prodWeb04 = vmId(subscription, "prod-web-04");
        describe(new ResourceUpserted(linuxVm(prodWeb04, subscription, Map.of()), "h1"));
        Finding laAgent =
                diagnosed("CW-MON-LA-AGENT", prodWeb04, subscription, TroubleshootingStep.OUTBOUND_CONNECTIVITY);
        Finding notMonitored =
                diagnosed("CW-MON-NOT-MONITORED", prodWeb04, subscription, TroubleshootingStep.OUTBOUND_CONNECTIVITY);

        publish(new FindingOpened(laAgent));
        publish(new FindingOpened(notMonitored));
        kafka.awaitCaughtUp("remediation-service", Topics.FINDINGS, TIMEOUT);

        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/remediations?subscription=" + subscription)
                .then()
                .body("total", equalTo(1))
                .body("items[0].status", equalTo("MANUAL"))
                .body("items[0].action", equalTo("NETWORK_BLOCKED")));
        String id = given().get("/api/remediations?subscription=" + subscription)
                .then()
                .extract()
                .path("items[0].remediationId");
        given().get("/api/remediations/" + id).then().body("trail.entry", equalTo(List.of("PLANNED", "JOINED")));
        assertEquals(
                List.of(), executor.executedOn(prodWeb04), "no agent install on a machine that cannot reach Azure");
    }

    @Test
    void anExcludedFindingGetsNoRemediation() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        describe(new ResourceUpserted(prodSubscription(subscription), "h1"));
        Finding exempted = excluded(
                finding("CW-DEF-SERVERS", AzureResource.subscriptionResourceId(subscription), subscription),
                "exempted by the SOC: no production data");

        publish(new FindingOpened(exempted));
        kafka.awaitCaughtUp("remediation-service", Topics.FINDINGS, TIMEOUT);

        given().get("/api/remediations?finding=" + exempted.findingId()).then().body("total", equalTo(0));
        assertEquals(List.of(), eventTypes(exempted));
    }

    @Test
    void aFindingTurningExcludedCancelsItsPendingPlanWithTheReason() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        describe(new ResourceUpserted(prodSubscription(subscription), "h1"));
        Finding plan = finding("CW-DEF-SERVERS", AzureResource.subscriptionResourceId(subscription), subscription);
        publish(new FindingOpened(plan));
        String id = awaitStatus(plan, "AWAITING_APPROVAL");

        publish(new FindingChanged(excluded(plan, "exempted by the SOC: no production data")));

        awaitStatus(plan, "CANCELLED");
        given().get("/api/remediations/" + id)
                .then()
                .body(
                        "remediation.reason",
                        equalTo("The finding is excluded (exempted by the SOC: no production data): an excluded"
                                + " finding is never remediated."));
        assertEquals(
                List.of("coverwatch.remediation.awaiting-approval", "coverwatch.remediation.cancelled"),
                eventTypes(plan));
        assertEquals(List.of(), executor.executedOn(AzureResource.subscriptionResourceId(subscription)));
    }

    @Test
    void aPolicyDeniedMachineGetsAnExemptionNamingTheAssignmentThatWaitsForApproval() throws Exception {
        switchTo("dry-run", false);
        String subscription = newSubscription();
        String prodWeb05 = vmId(subscription, "prod-web-05");
        String assignment = "/subscriptions/" + subscription
                + "/providers/Microsoft.Authorization/policyAssignments/deny-vm-extensions";
        AzureResource vm = linuxVm(prodWeb05, subscription, Map.of());
        VirtualMachineDetails details = (VirtualMachineDetails) vm.details();
        describe(new ResourceUpserted(
                new AzureResource(
                        vm.id(),
                        vm.type(),
                        vm.name(),
                        vm.subscriptionId(),
                        vm.resourceGroup(),
                        vm.location(),
                        vm.tags(),
                        new VirtualMachineDetails(
                                details.osType(),
                                details.powerState(),
                                details.extensions(),
                                details.os(),
                                details.dataCollectionRuleIds(),
                                true,
                                true,
                                assignment)),
                "h1"));
        Finding denied =
                diagnosed("CW-MON-NOT-MONITORED", prodWeb05, subscription, TroubleshootingStep.EXTENSION_POLICY);

        publish(new FindingOpened(denied));

        String id = awaitStatus(denied, "AWAITING_APPROVAL");
        given().get("/api/remediations/" + id)
                .then()
                .body("remediation.action", equalTo("CREATE_POLICY_EXEMPTION"))
                .body("remediation.reason", containsString("PUT " + prodWeb05 + "/providers/Microsoft.Authorization"));
        given().contentType(ContentType.JSON)
                .body("{\"comment\":\"the deny policy predates Defender\"}")
                .post("/api/remediations/" + id + "/approve")
                .then()
                .statusCode(200);
        await().atMost(TIMEOUT).until(() -> executor.executedOn(prodWeb05).size() == 1);
        assertTrue(
                executor.executedOn(prodWeb05).get(0).request().body().text().contains(assignment),
                "the exemption names the assignment that denies the extensions");
    }

    @Test
    void badPoliciesAndUnknownThingsAreProblems() {
        given().contentType(ContentType.JSON)
                .body("[{\"action\":\"REBOOT_EVERYTHING\",\"scopeKind\":\"SUBSCRIPTION\",\"scopeValue\":\"x\","
                        + "\"mode\":\"AUTO\"}]")
                .put("/api/policies")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("[{\"action\":\"INSTALL_AMA\",\"scopeKind\":\"TAG\",\"scopeValue\":\"no-equals-sign\","
                        + "\"mode\":\"AUTO\"}]")
                .put("/api/policies")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("a tag scope is written name=value"));
        given().contentType(ContentType.JSON)
                .body("[{\"action\":\"INSTALL_AMA\",\"scopeKind\":\"OFFICE\",\"scopeValue\":\"x\",\"mode\":\"AUTO\"}]")
                .put("/api/policies")
                .then()
                .statusCode(400);
        given().get("/api/remediations/nope").then().statusCode(404).contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body("{\"findingId\":\"never-reported\"}")
                .post("/api/remediations")
                .then()
                .statusCode(404);
        given().get("/api/audit?since=yesterday").then().statusCode(400);
    }

    private static org.hamcrest.Matcher<Iterable<? extends String>> hasItemsInOrder(String... items) {
        return org.hamcrest.Matchers.containsInRelativeOrder(items);
    }

    private static void switchTo(String which, boolean on) {
        given().contentType(ContentType.JSON)
                .body("{\"on\":" + on + ",\"reason\":\"test\"}")
                .put("/api/safety/" + which)
                .then()
                .statusCode(200);
    }

    private String awaitStatus(Finding finding, String status) {
        await().atMost(TIMEOUT).untilAsserted(() -> given().get("/api/remediations?finding=" + finding.findingId())
                .then()
                .body("items", hasSize(1))
                .body("items[0].status", equalTo(status)));
        return given().get("/api/remediations?finding=" + finding.findingId())
                .then()
                .extract()
                .path("items[0].remediationId");
    }

    private List<String> eventTypes(Finding finding) {
        return kafka.readAll(Topics.REMEDIATION_EVENTS).stream()
                .filter(record -> finding.findingId().equals(record.key()))
                .map(record -> KafkaProbe.header(record, "ce_type").orElseThrow())
                .toList();
    }

    /** Inventory's word on a resource, consumed before the test goes on (findings travel on another topic). */
    private void describe(ResourceUpserted event) throws Exception {
        publish(event);
        kafka.awaitCaughtUp("remediation-service", Topics.RESOURCES, TIMEOUT);
    }

    private void publish(CoverwatchEvent event) throws Exception {
        kafka.send(CloudEventCodec.encode(new CloudEvent<>(UUID.randomUUID().toString(), "/test", Instant.now(), event))
                .producerRecord());
    }

    private static String newSubscription() {
        return UUID.randomUUID().toString();
    }

    private static String vmId(String subscription, String name) {
        return "/subscriptions/" + subscription + "/resourceGroups/rg-prod/providers/Microsoft.Compute/virtualMachines/"
                + name;
    }

    private static AzureResource linuxVm(String id, String subscription, Map<String, String> tags) {
        return new AzureResource(
                id,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                id.substring(id.lastIndexOf('/') + 1),
                subscription,
                "rg-prod",
                "uksouth",
                tags,
                new VirtualMachineDetails(
                        "Linux",
                        "PowerState/running",
                        List.of(new VmExtension(
                                "AzureMonitorLinuxAgent",
                                "Microsoft.Azure.Monitor",
                                "AzureMonitorLinuxAgent",
                                "1.36",
                                "Succeeded",
                                null)),
                        new OperatingSystem("Ubuntu", "22.04", "Canonical", "ubuntu-22_04-lts", "server", true),
                        List.of(),
                        null,
                        null));
    }

    private static AzureResource prodSubscription(String subscription) {
        return new AzureResource(
                AzureResource.subscriptionResourceId(subscription),
                AzureResource.SUBSCRIPTION_TYPE,
                "prod-subscription",
                subscription,
                null,
                null,
                Map.of(),
                new SubscriptionDetails("prod-subscription", List.of(), true));
    }

    private static Finding finding(String rule, String resourceId, String subscription) {
        return new Finding(
                Finding.idFor(rule, resourceId),
                rule,
                rule,
                Severity.HIGH,
                resourceId,
                null,
                subscription,
                FindingStatus.OPEN,
                null,
                null,
                FOUR_HOURS_AGO,
                FOUR_HOURS_AGO,
                null,
                Map.of(),
                null);
    }

    private static Finding diagnosed(String rule, String resourceId, String subscription, TroubleshootingStep step) {
        Finding finding = finding(rule, resourceId, subscription);
        return new Finding(
                finding.findingId(),
                rule,
                rule,
                Severity.HIGH,
                resourceId,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                subscription,
                FindingStatus.OPEN,
                "Step " + step.number() + " (" + step.label() + "): " + step.question(),
                null,
                FOUR_HOURS_AGO,
                FOUR_HOURS_AGO,
                null,
                Map.of(),
                step);
    }

    private static Finding excluded(Finding finding, String reason) {
        return new Finding(
                finding.findingId(),
                finding.ruleId(),
                finding.title(),
                finding.severity(),
                finding.resourceId(),
                finding.resourceType(),
                finding.subscriptionId(),
                FindingStatus.EXCLUDED,
                finding.diagnosis(),
                finding.remediation(),
                finding.firstSeen(),
                Instant.now(),
                reason,
                finding.resourceTags(),
                finding.diagnosisStep());
    }
}
