package io.coverwatch.remediation.execution;

import static io.coverwatch.remediation.catalog.SeedEstate.finding;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.coverwatch.localinfra.LoopbackHttps;
import io.coverwatch.remediation.catalog.RemediationCatalog;
import io.coverwatch.remediation.catalog.RemediationPlan.Automatic;
import io.coverwatch.remediation.catalog.SeedEstate;
import io.coverwatch.remediation.execution.FakeArm.Answer;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** The ARM executor, with the real Azure SDK pipeline and poller, against a local HTTPS Resource Manager. */
class ArmExecutorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROD_SUBSCRIPTION = "/subscriptions/" + SeedEstate.PROD_SUBSCRIPTION_ID;
    private static final String AMA = SeedEstate.PROD_WEB_01 + "/extensions/AzureMonitorWindowsAgent";
    private static final String MDE = SeedEstate.PROD_WEB_01 + "/extensions/MDE.Windows";
    private static final String OPERATION = PROD_SUBSCRIPTION
            + "/providers/Microsoft.Compute/locations/uksouth/operations/9f2c4f8e-5d52-4b0e-a1e3-0c6d3f1c2b7a";
    private static final String MDE_ONBOARDINGS = PROD_SUBSCRIPTION + "/providers/Microsoft.Security/mdeOnboardings";
    /** Stands for the onboarding package: a secret. */
    private static final String ONBOARDING_PACKAGE = "QGVjaG8gb2ZmCnNlY3JldC1vbmJvYXJkaW5nLWJsb2I=";

    private static FakeArm fake;
    private static Vertx vertx;
    private static ArmExecutor executor;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeArm.start();
        vertx = Vertx.vertx();
        executor = executor(fake.endpoint(), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        fake.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void reset() {
        fake.reset();
    }

    @Test
    void theAzureMonitorAgentGoesOnProdWeb01AndTheExecutorFollowsTheAsyncOperationToSucceeded() throws Exception {
        Automatic plan = amaForProdWeb01();
        fake.answer(
                "PUT",
                AMA,
                new Answer(
                        201,
                        Map.of("Azure-AsyncOperation", fake.endpoint() + OPERATION + "?api-version=2025-04-01"),
                        extension(plan, "Creating")));
        fake.answer(
                "GET",
                OPERATION,
                Answer.json(200, operation("InProgress", null)),
                Answer.json(200, operation("InProgress", null)),
                Answer.json(200, operation("Succeeded", null)));

        ExecutionOutcome outcome = executor.execute(plan);

        assertEquals(
                new ExecutionOutcome.Succeeded(
                        "PUT " + AMA + ": HTTP 201, provisioningState Creating, then the operation Succeeded"),
                outcome);
        FakeArm.Seen put = fake.seen("PUT", AMA).get(0);
        assertEquals("api-version=2025-04-01", put.query());
        assertEquals(JSON.readTree(plan.request().body().text()), JSON.readTree(put.body()));
        assertEquals(3, fake.seen("GET", OPERATION).size(), "polled until the operation succeeded");
    }

    @Test
    void anExtensionThatFailsDuringTheOperationFailsWithAzuresCodeAndIsNotRetried() {
        fake.answer(
                "PUT",
                AMA,
                new Answer(
                        201,
                        Map.of("Azure-AsyncOperation", fake.endpoint() + OPERATION + "?api-version=2025-04-01"),
                        extension(amaForProdWeb01(), "Creating")));
        fake.answer(
                "GET",
                OPERATION,
                Answer.json(
                        200,
                        operation(
                                "Failed",
                                "{\"code\":\"VMExtensionProvisioningError\",\"message\":\"VM has reported a failure"
                                        + " when processing extension 'AzureMonitorWindowsAgent'.\"}")));

        ExecutionOutcome outcome = executor.execute(amaForProdWeb01());

        ExecutionOutcome.Failed failed = assertInstanceOf(ExecutionOutcome.Failed.class, outcome);
        assertFalse(failed.transientFailure());
        assertEquals(
                "PUT " + AMA + ": HTTP 201, provisioningState Creating, then the operation FAILED:"
                        + " VMExtensionProvisioningError: VM has reported a failure when processing extension"
                        + " 'AzureMonitorWindowsAgent'.",
                failed.detail());
    }

    @Test
    void aPolicyThatDeniesExtensionsIsAFailureThatNamesRequestDisallowedByPolicy() {
        fake.answer(
                "PUT",
                AMA,
                Answer.json(
                        403,
                        FakeArm.error(
                                "RequestDisallowedByPolicy",
                                "Resource 'AzureMonitorWindowsAgent' was disallowed by policy. Policy identifiers:"
                                        + " '[{\"policyAssignment\":{\"name\":\"deny-vm-extensions\"}}]'.")));

        ExecutionOutcome outcome = executor.execute(amaForProdWeb01());

        ExecutionOutcome.Failed failed = assertInstanceOf(ExecutionOutcome.Failed.class, outcome);
        assertFalse(failed.transientFailure(), "a policy does not go away by itself");
        assertTrue(
                failed.detail()
                        .startsWith("PUT " + AMA + ": RequestDisallowedByPolicy: Resource 'AzureMonitorWindowsAgent'"
                                + " was disallowed by policy."),
                failed.detail());
        assertTrue(failed.detail().endsWith("(HTTP 403)"), failed.detail());
        assertEquals(1, fake.seen("PUT", AMA).size(), "a 4xx is not retried");
    }

    @Test
    void aServerErrorIsRetriedByThePipelineAndTheSecondAnswerCounts() {
        Automatic plan = amaForProdWeb01();
        fake.answer(
                "PUT",
                AMA,
                Answer.json(503, FakeArm.error("ServerBusy", "The server is currently unable to handle the request.")),
                Answer.json(200, extension(plan, "Succeeded")));

        ExecutionOutcome outcome = executor.execute(plan);

        assertEquals(new ExecutionOutcome.Succeeded("PUT " + AMA + ": HTTP 200, provisioningState Succeeded"), outcome);
        assertEquals(2, fake.seen("PUT", AMA).size());
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsATransientFailureWithArmsCode() {
        fake.answer(
                "PUT",
                AMA,
                new Answer(
                        429,
                        Map.of("Retry-After", "0"),
                        FakeArm.error("TooManyRequests", "The request is being throttled.")));

        ExecutionOutcome outcome = executor.execute(amaForProdWeb01());

        assertEquals(
                new ExecutionOutcome.Failed(
                        "PUT " + AMA + ": TooManyRequests: The request is being throttled. (HTTP 429)", true),
                outcome);
        assertEquals(1 + 2, fake.seen("PUT", AMA).size(), "the first try and two retries");
    }

    @Test
    void theMdeSensorGetsTheSubscriptionsOnboardingPackageWhichStaysOutOfTheDetail() throws Exception {
        Automatic plan = mdeForProdWeb01();
        fake.answer("GET", MDE_ONBOARDINGS, Answer.json(200, onboardings(ONBOARDING_PACKAGE)));
        fake.answer("PUT", MDE, Answer.json(200, extension(plan, "Succeeded")));

        ExecutionOutcome outcome = executor.execute(plan);

        assertEquals(new ExecutionOutcome.Succeeded("PUT " + MDE + ": HTTP 200, provisioningState Succeeded"), outcome);
        assertEquals(
                "api-version=2021-10-01-preview",
                fake.seen("GET", MDE_ONBOARDINGS).get(0).query());
        JsonNode sent = JSON.readTree(fake.seen("PUT", MDE).get(0).body());
        assertEquals(
                ONBOARDING_PACKAGE,
                sent.path("properties")
                        .path("protectedSettings")
                        .path("defenderForEndpointOnboardingScript")
                        .asText());
        ObjectNode withoutSecret = sent.deepCopy();
        ((ObjectNode) withoutSecret.path("properties")).remove("protectedSettings");
        assertEquals(JSON.readTree(plan.request().body().text()), withoutSecret, "otherwise the catalog's body");
        assertFalse(plan.request().describe().contains(ONBOARDING_PACKAGE));
    }

    @Test
    void anArmErrorThatQuotesTheOnboardingPackageIsRedacted() {
        fake.answer("GET", MDE_ONBOARDINGS, Answer.json(200, onboardings(ONBOARDING_PACKAGE)));
        fake.answer(
                "PUT",
                MDE,
                Answer.json(
                        400,
                        FakeArm.error(
                                "InvalidParameter",
                                "protectedSettings.defenderForEndpointOnboardingScript '" + ONBOARDING_PACKAGE
                                        + "' is not valid.")));

        ExecutionOutcome outcome = executor.execute(mdeForProdWeb01());

        assertEquals(
                new ExecutionOutcome.Failed(
                        "PUT " + MDE + ": InvalidParameter: protectedSettings.defenderForEndpointOnboardingScript"
                                + " '[protected setting redacted]' is not valid. (HTTP 400)",
                        false),
                outcome);
    }

    @Test
    void withoutAnOnboardingPackageTheMdeSensorIsNotInstalled() {
        fake.answer("GET", MDE_ONBOARDINGS, Answer.json(200, "{\"value\":[]}"));

        ExecutionOutcome outcome = executor.execute(mdeForProdWeb01());

        ExecutionOutcome.Failed failed = assertInstanceOf(ExecutionOutcome.Failed.class, outcome);
        assertFalse(failed.transientFailure());
        assertTrue(failed.detail().contains("answered no onboardingPackageWindows"), failed.detail());
        assertTrue(fake.seen("PUT", MDE).isEmpty());
    }

    @Test
    void defenderForServersIsSwitchedOnForTheDevSubscription() throws Exception {
        Automatic plan = (Automatic) RemediationCatalog.planFor(
                finding("CW-DEF-SERVERS", SeedEstate.devSubscription(), null), SeedEstate.devSubscription());
        String pricing = SeedEstate.DEV_SUBSCRIPTION + "/providers/Microsoft.Security/pricings/VirtualMachines";
        ObjectNode answer = (ObjectNode) sample("security/pricings_get_virtualmachines.json")
                .path("responses")
                .path("200")
                .path("body")
                .deepCopy();
        answer.put("id", pricing);
        fake.answer("PUT", pricing, Answer.json(200, answer.toString()));

        ExecutionOutcome outcome = executor.execute(plan);

        assertEquals(new ExecutionOutcome.Succeeded("PUT " + pricing + ": HTTP 200"), outcome);
        FakeArm.Seen put = fake.seen("PUT", pricing).get(0);
        assertEquals("api-version=2024-01-01", put.query());
        assertEquals(
                JSON.readTree("{\"properties\":{\"pricingTier\":\"Standard\",\"subPlan\":\"P2\"}}"),
                JSON.readTree(put.body()));
    }

    @Test
    void anOperationStillRunningAtTheTimeoutIsATransientFailure() {
        ArmExecutor impatient = executor(fake.endpoint(), Duration.ofSeconds(1));
        fake.answer(
                "PUT",
                AMA,
                new Answer(
                        201,
                        Map.of("Azure-AsyncOperation", fake.endpoint() + OPERATION + "?api-version=2025-04-01"),
                        extension(amaForProdWeb01(), "Creating")));
        fake.answer("GET", OPERATION, Answer.json(200, operation("InProgress", null)));

        long started = System.nanoTime();
        ExecutionOutcome outcome = impatient.execute(amaForProdWeb01());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(
                new ExecutionOutcome.Failed("PUT " + AMA + ": no result within PT1S (Azure may still finish it)", true),
                outcome);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "bounded by the operation timeout, took " + took);
    }

    @Test
    void anUnreachableResourceManagerIsATransientFailure() {
        ArmExecutor unreachable = executor("https://localhost:1", Duration.ofSeconds(10));

        ExecutionOutcome outcome = unreachable.execute(amaForProdWeb01());

        ExecutionOutcome.Failed failed = assertInstanceOf(ExecutionOutcome.Failed.class, outcome);
        assertTrue(failed.transientFailure(), failed.detail());
        assertTrue(failed.detail().contains("Connection refused"), failed.detail());
    }

    // The plans, as the catalog builds them for the seed's machines.

    private static Automatic amaForProdWeb01() {
        return (Automatic) RemediationCatalog.planFor(
                finding("CW-MON-LA-AGENT", SeedEstate.prodWeb01(), "no monitoring agent extension is installed"),
                SeedEstate.prodWeb01());
    }

    private static Automatic mdeForProdWeb01() {
        return (Automatic) RemediationCatalog.planFor(
                finding("CW-XSIG-MDE-NOT-DEPLOYED", SeedEstate.prodWeb01(), null), SeedEstate.prodWeb01());
    }

    // Resource Manager's answers, in the shape of the official examples.

    /** The official VirtualMachineExtensions_Get example's body, carrying the plan's extension in this state. */
    private static String extension(Automatic plan, String provisioningState) {
        ObjectNode body = (ObjectNode) sample("compute/virtualmachineextensions_get.json")
                .path("responses")
                .path("200")
                .path("body")
                .deepCopy();
        JsonNode sent = readTree(plan.request().body().text());
        String id = plan.request().path().substring(0, plan.request().path().indexOf('?'));
        body.put("id", id);
        body.put("name", id.substring(id.lastIndexOf('/') + 1));
        body.put("location", sent.path("location").asText());
        ObjectNode properties = (ObjectNode) body.path("properties");
        properties.setAll((ObjectNode) sent.path("properties"));
        properties.remove(List.of("settings", "protectedSettings", "instanceView"));
        properties.put("provisioningState", provisioningState);
        return body.toString();
    }

    /** An Azure-AsyncOperation status, as ARM's asynchronous operation contract describes it. */
    private static String operation(String status, String error) {
        return "{\"name\":\"9f2c4f8e-5d52-4b0e-a1e3-0c6d3f1c2b7a\",\"startTime\":\"2026-11-23T08:10:00Z\","
                + "\"status\":\"" + status + "\"" + (error == null ? "" : ",\"error\":" + error) + "}";
    }

    /** MdeOnboardings_List, in the shape of the official example (ListMdeOnboardings_example.json). */
    private static String onboardings(String windowsPackage) {
        return "{\"value\":[{\"id\":\"" + PROD_SUBSCRIPTION + "/providers/Microsoft.Security/mdeOnboardings/default\","
                + "\"name\":\"default\",\"type\":\"Microsoft.Security/mdeOnboardings\",\"properties\":{"
                + "\"onboardingPackageWindows\":\"" + windowsPackage + "\","
                + "\"onboardingPackageLinux\":\"IyEvYmluL3NoCmxpbnV4LW9uYm9hcmRpbmc=\"}}]}";
    }

    private static JsonNode sample(String file) {
        try {
            return JSON.readTree(Path.of(System.getProperty("coverwatch.repo.root", ".."))
                    .resolve("../shared/azure-samples")
                    .resolve(file)
                    .toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ArmExecutor executor(String endpoint, Duration operationTimeout) {
        ExecutionConfig.Arm settings = new TestArmSettings(endpoint, fake.trustStore(), operationTimeout);
        TokenCredential token = request ->
                Mono.just(new AccessToken(FakeArm.TOKEN, OffsetDateTime.now().plusHours(1)));
        return new ArmExecutor(ArmPipeline.build(settings, vertx, Optional.of(token)), settings);
    }

    /** Short waits: the fake answers at once. */
    private record TestArmSettings(String endpoint, Path trust, Duration operationTimeout)
            implements ExecutionConfig.Arm {

        @Override
        public Optional<String> resourceManagerEndpoint() {
            return Optional.of(endpoint);
        }

        @Override
        public Optional<String> authorityHost() {
            return Optional.of(endpoint);
        }

        @Override
        public Duration requestTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public int maxRetries() {
            return 2;
        }

        @Override
        public Duration retryDelay() {
            return Duration.ofMillis(20);
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofMillis(50);
        }

        @Override
        public Optional<Path> trustStore() {
            return Optional.of(trust);
        }

        @Override
        public Optional<String> trustStorePassword() {
            return Optional.of(LoopbackHttps.TRUST_STORE_PASSWORD);
        }
    }
}
