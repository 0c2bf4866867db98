package io.coverwatch.remediation.execution;

import static io.coverwatch.remediation.catalog.SeedEstate.finding;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.remediation.catalog.RemediationCatalog;
import io.coverwatch.remediation.catalog.RemediationPlan.Automatic;
import io.coverwatch.remediation.catalog.ResourceFacts;
import io.coverwatch.remediation.catalog.SeedEstate;
import io.coverwatch.remediation.execution.FakeInventory.Answer;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The executor remediation-service is configured with, applying plans to a local stand-in for inventory-service. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@WithTestResource(FakeInventoryTestResource.class)
class DemoEstateExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    OidcClient oidcClient;

    @Inject
    RemediationExecutor executor;

    @Inject
    ExecutionConfig settings;

    private FakeInventory inventory;

    @BeforeEach
    void reset() {
        inventory = FakeInventoryTestResource.fake();
        inventory.reset();
    }

    @Test
    void theAzureMonitorAgentGoesOnProdWeb01InTheDemoEstate() throws Exception {
        inventory.answer(Answer.applied(SeedEstate.PROD_WEB_01, true));

        ExecutionOutcome outcome = executor.execute(amaForProdWeb01());

        assertEquals(
                new ExecutionOutcome.Succeeded("install-extension on prod-web-01: applied to the demo estate, which"
                        + " published the changed resource"),
                outcome);
        assertEquals(1, inventory.bodies().size());
        assertEquals(
                JSON.readTree("{\"action\":\"install-extension\",\"resourceId\":\"" + SeedEstate.PROD_WEB_01 + "\","
                        + "\"publisher\":\"Microsoft.Azure.Monitor\",\"type\":\"AzureMonitorWindowsAgent\"}"),
                JSON.readTree(inventory.bodies().get(0)));
    }

    @Test
    void aRefusalByTheDemoEstateIsAPermanentFailureWithItsDetail() {
        inventory.answer(Answer.problem(
                409,
                "Conflict",
                "RequestDisallowedByPolicy: a policy assignment denies VM extensions on prod-web-01; add a policy"
                        + " exemption first"));

        ExecutionOutcome outcome = executor.execute(amaForProdWeb01());

        assertEquals(
                new ExecutionOutcome.Failed(
                        "install-extension on prod-web-01: refused (409): RequestDisallowedByPolicy: a policy"
                                + " assignment denies VM extensions on prod-web-01; add a policy exemption first",
                        false),
                outcome);
        assertEquals(1, inventory.bodies().size(), "a refusal is not retried");
    }

    @Test
    void aServerErrorIsRetriedAndTheSecondAnswerCounts() {
        inventory.answer(
                Answer.problem(503, "Service Unavailable", "restarting"),
                Answer.applied(SeedEstate.DEV_SUBSCRIPTION, false));
        Automatic plan = (Automatic) RemediationCatalog.planFor(
                finding("CW-DEF-SERVERS", SeedEstate.devSubscription(), null), SeedEstate.devSubscription());

        ExecutionOutcome outcome = executor.execute(plan);

        assertEquals(
                new ExecutionOutcome.Succeeded("enable-plan on " + SeedEstate.DEV_SUBSCRIPTION_ID
                        + ": applied to the demo estate, which" + " already had it so"),
                outcome);
        assertEquals(2, inventory.bodies().size());
    }

    @Test
    void aPolicyExemptionIsNotSomethingTheDemoEstateCanDo() {
        ResourceFacts prodWeb01 =
                SeedEstate.prodWeb01().withExtensionPolicyAssignment(SeedEstate.DENY_EXTENSIONS_ASSIGNMENT);
        Automatic exemption = (Automatic) RemediationCatalog.planFor(
                finding(
                        "CW-MON-NOT-MONITORED",
                        prodWeb01,
                        TroubleshootingStep.EXTENSION_POLICY,
                        "an Azure Policy denies VM extensions"),
                prodWeb01);

        ExecutionOutcome outcome = executor.execute(exemption);

        assertEquals(
                new ExecutionOutcome.Failed(
                        "the demo estate cannot create a policy exemption for the Defender for Cloud extensions: it"
                                + " has no such action",
                        false),
                outcome);
        assertTrue(inventory.bodies().isEmpty());
    }

    @Test
    void anInventoryThatKeepsFailingOpensTheCircuitUntilItAnswersAgain() {
        inventory.answer(Answer.problem(500, "Internal Server Error", "database unavailable"));

        ExecutionOutcome first = executor.execute(amaForProdWeb01());

        assertTrue(assertInstanceOf(ExecutionOutcome.Failed.class, first).transientFailure());
        ExecutionOutcome notTried = null;
        for (int attempt = 0; attempt < 10 && notTried == null; attempt++) {
            int before = inventory.bodies().size();
            ExecutionOutcome outcome = executor.execute(amaForProdWeb01());
            if (inventory.bodies().size() == before) {
                notTried = outcome;
            }
        }
        assertEquals(
                new ExecutionOutcome.Failed(
                        "install-extension on prod-web-01: not tried, inventory-service's demo estate failed"
                                + " repeatedly (circuit open)",
                        true),
                notTried);

        inventory.answer(Answer.applied(SeedEstate.PROD_WEB_01, true));
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> executor.execute(amaForProdWeb01()) instanceof ExecutionOutcome.Succeeded);
    }

    @Test
    void anInventoryThatIsNotListeningIsATransientFailure() {
        DemoEstateApi nobody = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create("http://127.0.0.1:1"))
                .connectTimeout(1, TimeUnit.SECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(DemoEstateApi.class);

        ExecutionOutcome outcome = new DemoEstateExecutor(nobody, new ServiceSignIn(oidcClient), settings.demo())
                .execute(amaForProdWeb01());

        ExecutionOutcome.Failed failed = assertInstanceOf(ExecutionOutcome.Failed.class, outcome);
        assertTrue(failed.transientFailure(), failed.detail());
        assertTrue(failed.detail().contains("inventory-service did not answer"), failed.detail());
    }

    private static Automatic amaForProdWeb01() {
        return (Automatic) RemediationCatalog.planFor(
                finding("CW-MON-LA-AGENT", SeedEstate.prodWeb01(), "no monitoring agent extension is installed"),
                SeedEstate.prodWeb01());
    }
}
