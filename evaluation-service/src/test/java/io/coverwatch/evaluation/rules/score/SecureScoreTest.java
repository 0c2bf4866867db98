package io.coverwatch.evaluation.rules.score;

import static io.coverwatch.evaluation.rules.Control.CONFIGURE_DATA_COLLECTION;
import static io.coverwatch.evaluation.rules.Control.ENABLE_ENHANCED_SECURITY_FEATURES;
import static io.coverwatch.evaluation.rules.Control.MONITOR_MACHINES;
import static io.coverwatch.evaluation.rules.Control.REMEDIATE_SECURITY_CONFIGURATIONS;
import static io.coverwatch.evaluation.rules.ResourceKind.OTHER;
import static io.coverwatch.evaluation.rules.ResourceKind.STORAGE_ACCOUNT;
import static io.coverwatch.evaluation.rules.ResourceKind.SUBSCRIPTION;
import static io.coverwatch.evaluation.rules.ResourceKind.VIRTUAL_MACHINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.SeedEstate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The score from counts: the estate per subscription and kind, and the resources findings or Defender assessments
 * touch, per control. The seeds' estate: prod holds prod-web-01 and prod-db-01, dev holds dev-test-03.
 */
class SecureScoreTest {

    private static final String PROD = SeedEstate.PROD;
    private static final String DEV = SeedEstate.DEV;

    @Test
    void aControlScoresMaxPointsTimesItsHealthyShare() {
        // Keep machines monitored (8 points): prod-web-01 has no Log Analytics agent, prod-db-01 passes every rule
        Map<String, SecureScore> scores = SecureScore.perSubscription(
                List.of(new KindCount(PROD, VIRTUAL_MACHINE, 2)),
                List.of(failing(PROD, VIRTUAL_MACHINE, MONITOR_MACHINES)));

        ControlScore monitoring = control(scores.get(PROD), MONITOR_MACHINES);
        assertEquals(1, monitoring.healthy());
        assertEquals(1, monitoring.unhealthy());
        assertEquals(4.0, monitoring.currentPoints());
        ControlScore collection = control(scores.get(PROD), CONFIGURE_DATA_COLLECTION);
        assertEquals(2, collection.healthy(), "what no finding touches passes every rule of its kind");
        assertEquals(0, collection.unhealthy());
    }

    @Test
    void theTotalIsTheSumOfCurrentOverTheSumOfEvaluatedMaximums() {
        // subscriptions count in enhanced security features (10), data collection (4) and security configurations
        // (4); dev lacks Defender for Servers
        assertEquals(
                List.of(
                        ENABLE_ENHANCED_SECURITY_FEATURES,
                        CONFIGURE_DATA_COLLECTION,
                        REMEDIATE_SECURITY_CONFIGURATIONS),
                controlsOf(SUBSCRIPTION),
                "the example's premise");
        Map<String, SecureScore> scores = SecureScore.perSubscription(
                List.of(new KindCount(PROD, SUBSCRIPTION, 1), new KindCount(DEV, SUBSCRIPTION, 1)),
                List.of(failing(DEV, SUBSCRIPTION, ENABLE_ENHANCED_SECURITY_FEATURES)));

        SecureScore total = SecureScore.total(scores.values());

        assertEquals(5.0, control(total, ENABLE_ENHANCED_SECURITY_FEATURES).currentPoints());
        assertEquals(18, total.maxPoints());
        assertEquals(100.0 * (5 + 4 + 4) / 18, total.percentage().getAsDouble(), 1e-9);
    }

    @Test
    void aControlWithNoEvaluatedResourcesCountsNeitherWay() {
        Map<String, SecureScore> scores =
                SecureScore.perSubscription(List.of(new KindCount(PROD, SUBSCRIPTION, 1)), List.of());

        assertFalse(control(scores.get(PROD), MONITOR_MACHINES).evaluated());
        assertEquals(18, scores.get(PROD).maxPoints(), "the controls a subscription's rules evaluate");
        assertEquals(OptionalDouble.of(100.0), scores.get(PROD).percentage());
        assertEquals(
                Map.of(),
                SecureScore.perSubscription(List.of(new KindCount(PROD, OTHER, 5)), List.of()),
                "no rule evaluates a kind without a model: a blind spot, not a score");
        assertEquals(OptionalDouble.empty(), SecureScore.total(List.of()).percentage());
    }

    @Test
    void anExcludedFailureDoesNotHideAnotherRulesPass() {
        // prod-web-01's missing Log Analytics agent is exempted until Q1; its other monitoring rules pass
        Map<String, SecureScore> scores = SecureScore.perSubscription(
                List.of(new KindCount(PROD, VIRTUAL_MACHINE, 1)),
                List.of(new ControlOutcomes(PROD, VIRTUAL_MACHINE, MONITOR_MACHINES, 0, 1, false, 1)));

        assertEquals(1, control(scores.get(PROD), MONITOR_MACHINES).healthy());
        assertEquals(0, control(scores.get(PROD), MONITOR_MACHINES).unhealthy());
    }

    @Test
    void aResourceOnlyExcludedFailuresTouchIsNotCounted() {
        int rules = SecureScore.catalogRules(VIRTUAL_MACHINE, MONITOR_MACHINES);
        Map<String, SecureScore> scores = SecureScore.perSubscription(
                List.of(new KindCount(PROD, VIRTUAL_MACHINE, 2)),
                List.of(new ControlOutcomes(PROD, VIRTUAL_MACHINE, MONITOR_MACHINES, 0, rules, false, 1)));

        assertEquals(1, control(scores.get(PROD), MONITOR_MACHINES).healthy());
        assertEquals(0, control(scores.get(PROD), MONITOR_MACHINES).unhealthy());
    }

    @Test
    void defendersRecommendationsCountAsOutcomesOfTheirOwn() {
        // two storage accounts: one unhealthy recommendation on the first, one healthy on the second; a third
        // recommendation, on a machine, is exempted and was its only outcome in the control
        int machineRules = SecureScore.catalogRules(VIRTUAL_MACHINE, REMEDIATE_SECURITY_CONFIGURATIONS);
        Map<String, SecureScore> scores = SecureScore.perSubscription(
                List.of(new KindCount(PROD, STORAGE_ACCOUNT, 2), new KindCount(PROD, VIRTUAL_MACHINE, 1)),
                List.of(
                        new ControlOutcomes(PROD, STORAGE_ACCOUNT, REMEDIATE_SECURITY_CONFIGURATIONS, 1, 0, true, 1),
                        new ControlOutcomes(PROD, STORAGE_ACCOUNT, REMEDIATE_SECURITY_CONFIGURATIONS, 1, 0, false, 1),
                        new ControlOutcomes(
                                PROD,
                                VIRTUAL_MACHINE,
                                REMEDIATE_SECURITY_CONFIGURATIONS,
                                1,
                                machineRules + 1,
                                false,
                                1)));

        ControlScore remediate = control(scores.get(PROD), REMEDIATE_SECURITY_CONFIGURATIONS);
        assertEquals(1, remediate.unhealthy());
        assertEquals(1, remediate.healthy());
    }

    @Test
    void perSubscriptionScoresOnlyCountTheirOwnResources() {
        Map<String, SecureScore> scores = SecureScore.perSubscription(
                List.of(new KindCount(PROD, VIRTUAL_MACHINE, 2), new KindCount(DEV.toUpperCase(), VIRTUAL_MACHINE, 1)),
                List.of(failing(DEV, VIRTUAL_MACHINE, MONITOR_MACHINES)));

        assertEquals(List.of(PROD, DEV).stream().sorted().toList(), List.copyOf(scores.keySet()));
        assertEquals(OptionalDouble.of(100.0), scores.get(PROD).percentage());
        assertEquals(0, control(scores.get(DEV), MONITOR_MACHINES).healthy());
        assertEquals(1, control(scores.get(DEV), MONITOR_MACHINES).unhealthy());
        assertTrue(SecureScore.total(scores.values()).percentage().getAsDouble()
                > scores.get(DEV).percentage().getAsDouble());
    }

    /** One resource of the kind with a failing outcome that is not excluded. */
    private static ControlOutcomes failing(String subscriptionId, ResourceKind kind, Control control) {
        return new ControlOutcomes(subscriptionId, kind, control, 0, 0, true, 1);
    }

    private static List<Control> controlsOf(ResourceKind kind) {
        return List.of(Control.values()).stream()
                .filter(control -> SecureScore.catalogRules(kind, control) > 0)
                .toList();
    }

    private static ControlScore control(SecureScore score, Control control) {
        return score.controls().stream()
                .filter(each -> each.control() == control)
                .findFirst()
                .orElseThrow();
    }
}
