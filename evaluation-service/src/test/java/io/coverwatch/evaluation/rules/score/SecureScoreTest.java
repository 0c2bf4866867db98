package io.coverwatch.evaluation.rules.score;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.Rule;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.evaluation.rules.RuleOutcome;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.evaluation.rules.Verdict;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SecureScoreTest {

    private static final String PROD_WEB_01 = SeedEstate.prodWeb01().id();
    private static final String PROD_DB_01 = SeedEstate.prodDb01().id();
    private static final String DEV_TEST_03 = SeedEstate.devTest03().id();
    private static final String ANALYTICS_DB = SeedEstate.analyticsDb().id();
    private static final String DEV_SUB = "/subscriptions/" + SeedEstate.DEV;

    @Test
    void aControlScoresMaxPointsTimesItsHealthyShare() {
        // Keep machines monitored (8 points): prod-db-01 healthy; prod-web-01 fails one of its rules
        List<ScoredOutcome> outcomes = List.of(
                prod(pass(RuleCatalog.LOG_ANALYTICS_AGENT, PROD_DB_01)),
                prod(pass(RuleCatalog.NOT_MONITORED, PROD_DB_01)),
                prod(fail(RuleCatalog.LOG_ANALYTICS_AGENT, PROD_WEB_01)),
                prod(pass(RuleCatalog.AMA_DOWN, PROD_WEB_01)));

        SecureScore score = SecureScore.compute(outcomes);

        ControlScore monitoring = control(score, Control.MONITOR_MACHINES);
        assertEquals(1, monitoring.healthy());
        assertEquals(1, monitoring.unhealthy());
        assertEquals(4.0, monitoring.currentPoints());
        assertEquals(4.0, score.currentPoints());
        assertEquals(8, score.maxPoints());
        assertEquals(OptionalDouble.of(50.0), score.percentage());
    }

    @Test
    void theTotalIsTheSumOfCurrentOverTheSumOfEvaluatedMaximums() {
        List<ScoredOutcome> outcomes = List.of(
                // enhanced security features (10): analytics-db unhealthy, prod-db-01's SQL VM healthy, dev-sub
                // unhealthy
                prod(fail(RuleCatalog.DEFENDER_FOR_SQL, ANALYTICS_DB)),
                prod(pass(RuleCatalog.DEFENDER_FOR_SQL_VM, PROD_DB_01)),
                dev(fail(RuleCatalog.DEFENDER_FOR_SERVERS, DEV_SUB)),
                // keep machines monitored (8): prod-db-01 healthy, dev-test-03 unhealthy
                prod(pass(RuleCatalog.AMA_DOWN, PROD_DB_01)),
                dev(fail(RuleCatalog.AMA_DOWN, DEV_TEST_03)));

        SecureScore score = SecureScore.compute(outcomes);

        assertEquals(
                10.0 / 3,
                control(score, Control.ENABLE_ENHANCED_SECURITY_FEATURES).currentPoints(),
                1e-9);
        assertEquals(4.0, control(score, Control.MONITOR_MACHINES).currentPoints());
        assertEquals(18, score.maxPoints());
        assertEquals(100.0 * (10.0 / 3 + 4.0) / 18, score.percentage().getAsDouble(), 1e-9);
    }

    @Test
    void aControlWithNoEvaluatedResourcesCountsNeitherWay() {
        SecureScore score = SecureScore.compute(List.of(prod(pass(RuleCatalog.AMA_DOWN, PROD_DB_01))));

        assertFalse(control(score, Control.ENABLE_ENDPOINT_PROTECTION).evaluated());
        assertEquals(8, score.maxPoints());
        assertEquals(OptionalDouble.of(100.0), score.percentage());
        assertEquals(OptionalDouble.empty(), SecureScore.compute(List.of()).percentage());
    }

    @Test
    void excludedAndUnknownOutcomesDoNotCount() {
        RuleOutcome excluded = new RuleOutcome(
                RuleCatalog.LOG_ANALYTICS_AGENT, PROD_WEB_01, new Verdict.Fail("no agent"), "exempted until Q1");
        SecureScore score = SecureScore.compute(List.of(
                prod(excluded),
                prod(new RuleOutcome(RuleCatalog.NOT_MONITORED, DEV_TEST_03, new Verdict.Unknown("powered off"), null)),
                prod(pass(RuleCatalog.AMA_DOWN, PROD_DB_01))));

        ControlScore monitoring = control(score, Control.MONITOR_MACHINES);
        assertEquals(1, monitoring.healthy());
        assertEquals(0, monitoring.unhealthy());
        assertEquals(OptionalDouble.of(100.0), score.percentage());
    }

    @Test
    void anExcludedFailureDoesNotHideAnotherRulesPass() {
        RuleOutcome excluded = new RuleOutcome(
                RuleCatalog.LOG_ANALYTICS_AGENT, PROD_WEB_01, new Verdict.Fail("no agent"), "exempted until Q1");

        SecureScore score = SecureScore.compute(List.of(prod(excluded), prod(pass(RuleCatalog.AMA_DOWN, PROD_WEB_01))));

        assertEquals(1, control(score, Control.MONITOR_MACHINES).healthy());
    }

    @Test
    void perSubscriptionScoresOnlyCountTheirOwnResources() {
        List<ScoredOutcome> outcomes = List.of(
                prod(pass(RuleCatalog.AMA_DOWN, PROD_DB_01)),
                dev(fail(RuleCatalog.AMA_DOWN, DEV_TEST_03)),
                dev(fail(RuleCatalog.DEFENDER_FOR_SERVERS, DEV_SUB)));

        Map<String, SecureScore> scores = SecureScore.perSubscription(outcomes);

        assertEquals(List.of(SeedEstate.PROD, SeedEstate.DEV).stream().sorted().toList(), List.copyOf(scores.keySet()));
        assertEquals(OptionalDouble.of(100.0), scores.get(SeedEstate.PROD).percentage());
        assertEquals(OptionalDouble.of(0.0), scores.get(SeedEstate.DEV).percentage());
        assertTrue(SecureScore.compute(outcomes).percentage().getAsDouble() > 0);
    }

    private static ControlScore control(SecureScore score, Control control) {
        return score.controls().stream()
                .filter(each -> each.control() == control)
                .findFirst()
                .orElseThrow();
    }

    private static RuleOutcome pass(Rule rule, String resourceId) {
        return new RuleOutcome(rule, resourceId, new Verdict.Pass(), null);
    }

    private static RuleOutcome fail(Rule rule, String resourceId) {
        return new RuleOutcome(rule, resourceId, new Verdict.Fail("failed"), null);
    }

    private static ScoredOutcome prod(RuleOutcome outcome) {
        return new ScoredOutcome(SeedEstate.PROD, outcome);
    }

    private static ScoredOutcome dev(RuleOutcome outcome) {
        return new ScoredOutcome(SeedEstate.DEV, outcome);
    }
}
