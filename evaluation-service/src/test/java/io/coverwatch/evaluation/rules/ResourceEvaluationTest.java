package io.coverwatch.evaluation.rules;

import static io.coverwatch.evaluation.rules.SeedEstate.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.contracts.VirtualMachineDetails;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ResourceEvaluationTest {

    @Test
    void everyRuleOfTheKindHasAnOutcomeOnTheResource() {
        for (ResourceKind kind : ResourceKind.values()) {
            Set<String> expected = RuleCatalog.ALL.stream()
                    .filter(rule -> rule.kinds().contains(kind))
                    .map(Rule::id)
                    .collect(Collectors.toSet());
            AzureResource resource = SeedEstate.resource(
                    SeedEstate.PROD,
                    "prod-rg",
                    kind.armType().orElse("Microsoft.EventHub/namespaces"),
                    "r",
                    new GenericDetails(),
                    null);

            List<RuleOutcome> outcomes =
                    ResourceEvaluation.evaluate(input(resource).build());

            assertEquals(expected, outcomes.stream().map(o -> o.rule().id()).collect(Collectors.toSet()), kind.name());
            outcomes.forEach(outcome -> assertEquals(resource.id(), outcome.resourceId()));
        }
    }

    /**
     * Seed 001's prod-web-01 has no monitoring agent; behind an NSG that blocks outbound HTTPS, installing one would not
     * help. Both of its findings name the step its walk stops at, so no plan goes past it.
     */
    @Test
    void everyFailingRuleOnAMachineCarriesTheStepItsWalkStopsAt() {
        AzureResource blocked = SeedEstate.prodWeb01()
                .withDetails(new VirtualMachineDetails(
                        "Windows",
                        "PowerState/running",
                        List.of(SeedEstate.mdeWindows()),
                        SeedEstate.WINDOWS_SERVER_2022,
                        List.of(),
                        false,
                        false));

        List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(input(blocked).build());

        Verdict.Fail agent = assertInstanceOf(
                Verdict.Fail.class, outcome(outcomes, "CW-MON-LA-AGENT").verdict());
        Verdict.Fail monitored = assertInstanceOf(
                Verdict.Fail.class, outcome(outcomes, "CW-MON-NOT-MONITORED").verdict());
        assertEquals(TroubleshootingStep.OUTBOUND_CONNECTIVITY, agent.step());
        assertEquals(TroubleshootingStep.OUTBOUND_CONNECTIVITY, monitored.step());
        assertTrue(monitored.diagnosis().startsWith("Step 4 (Outbound connectivity): "), monitored.diagnosis());
    }

    @Test
    void aSubscriptionsFindingsNameNoTroubleshootingStep() {
        Verdict.Fail plan = assertInstanceOf(
                Verdict.Fail.class,
                outcome(
                                ResourceEvaluation.evaluate(input(SeedEstate.devSubscription())
                                        .holds(ResourceKind.VIRTUAL_MACHINE, 1)
                                        .build()),
                                "CW-DEF-SERVERS")
                        .verdict());

        assertNull(plan.step());
    }

    @Test
    void aSubscriptionWithoutMachinesNeedsNoServersPlan() {
        List<RuleOutcome> outcomes =
                ResourceEvaluation.evaluate(input(SeedEstate.devSubscription()).build());

        assertInstanceOf(Verdict.Pass.class, outcome(outcomes, "CW-DEF-SERVERS").verdict());
    }

    @Test
    void aMachineWhoseSubscriptionIsUnreportedIsUnknownNotFailing() {
        List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(
                input(SeedEstate.analyticsDb()).noSubscription().build());

        assertInstanceOf(Verdict.Unknown.class, outcome(outcomes, "CW-DEF-SQL").verdict());
    }

    @Test
    void defenderAssessmentsBecomeOutcomesTheLatestStateWinning() {
        AzureResource witness = SeedEstate.resource(
                SeedEstate.PROD,
                "prod-rg",
                "Microsoft.Storage/storageAccounts",
                "prodwebstore01",
                new GenericDetails(),
                null);
        String key = "1195afff-c881-495e-9bc5-1486211ae03f";

        List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(input(witness)
                .assessment(assessment(witness, key, AssessmentStatus.UNHEALTHY, Duration.ofHours(2)))
                .assessment(assessment(witness, key.toUpperCase(), AssessmentStatus.HEALTHY, Duration.ofHours(1)))
                .assessment(assessment(
                        witness,
                        "09ce66bc-1220-4153-8104-e3f51c936913",
                        AssessmentStatus.NOT_APPLICABLE,
                        Duration.ofHours(1)))
                .assessment(assessment(
                        witness,
                        "bf82a334-13b6-ca57-ea75-096fc2ffce50",
                        AssessmentStatus.UNHEALTHY,
                        Duration.ofHours(1)))
                .build());

        assertInstanceOf(Verdict.Pass.class, outcome(outcomes, "CW-MDC-" + key).verdict());
        assertInstanceOf(
                Verdict.Pass.class,
                outcome(outcomes, "CW-MDC-09ce66bc-1220-4153-8104-e3f51c936913").verdict());
        assertEquals(
                "Defender for Cloud reports the resource as unhealthy: OffByPolicy",
                assertInstanceOf(
                                Verdict.Fail.class,
                                outcome(outcomes, "CW-MDC-bf82a334-13b6-ca57-ea75-096fc2ffce50")
                                        .verdict())
                        .diagnosis());
        // CW-DEF-STORAGE plus the three recommendations
        assertEquals(4, outcomes.size());
    }

    private static DefenderAssessment assessment(
            AzureResource resource, String key, AssessmentStatus status, Duration ago) {
        return new DefenderAssessment(
                resource.id() + "/providers/Microsoft.Security/assessments/" + key,
                key,
                "Recommendation " + key,
                resource.id(),
                status,
                Severity.HIGH,
                "OffByPolicy",
                null,
                null,
                SeedEstate.NOW.minus(ago));
    }

    private static RuleOutcome outcome(List<RuleOutcome> outcomes, String ruleId) {
        return outcomes.stream()
                .filter(outcome -> outcome.rule().id().equals(ruleId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no outcome for " + ruleId));
    }
}
