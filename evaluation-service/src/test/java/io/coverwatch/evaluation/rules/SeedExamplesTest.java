package io.coverwatch.evaluation.rules;

import static io.coverwatch.evaluation.rules.SeedEstate.input;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.Severity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Seed 001's examples, each evaluated whole: exactly which findings each yields, and nothing more. */
class SeedExamplesTest {

    @Test
    void prodWeb01NeedsTheLogAnalyticsAgentAndIsNotMonitoredForWantOfTheAma() {
        // the seed's heartbeat table has prod-web-01 reporting 2 min ago: a heartbeat does not install an agent
        List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(input(SeedEstate.prodWeb01())
                .amaHeartbeat(Duration.ofMinutes(2))
                .build());

        Map<String, RuleOutcome> failing = failing(outcomes);
        assertEquals(Set.of("CW-MON-LA-AGENT", "CW-MON-NOT-MONITORED"), failing.keySet());
        RuleOutcome laAgent = failing.get("CW-MON-LA-AGENT");
        assertEquals(
                "Log Analytics agent should be installed on VMs", laAgent.rule().title());
        assertEquals(Severity.HIGH, laAgent.rule().severity());
        assertEquals(
                "Step 6 (Extension status): the Azure Monitor Agent extension (AzureMonitorWindowsAgent) is missing",
                diagnosis(failing.get("CW-MON-NOT-MONITORED")));
    }

    @Test
    void devSubscriptionHoldingMachinesNeedsDefenderForServersAndNothingElse() {
        List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(input(SeedEstate.devSubscription())
                .holds(ResourceKind.VIRTUAL_MACHINE, 3)
                .build());

        Map<String, RuleOutcome> failing = failing(outcomes);
        assertEquals(Set.of("CW-DEF-SERVERS"), failing.keySet());
        RuleOutcome servers = failing.get("CW-DEF-SERVERS");
        assertEquals("Defender for Servers should be enabled", servers.rule().title());
        assertEquals(Severity.HIGH, servers.rule().severity());
        assertEquals(SeedEstate.devSubscription().id(), servers.resourceId());
        // auto-provisioning and the workspace are the plan's agent set-up: with the plan off they do not apply
        assertEquals(
                Set.of(
                        "CW-DEF-SERVERS",
                        "CW-CSPM-FOUNDATIONAL",
                        "CW-MCSB-ASSIGNED",
                        "CW-PROV-AMA",
                        "CW-PROV-MDE",
                        "CW-WS-SENTINEL"),
                outcomes.stream().map(outcome -> outcome.rule().id()).collect(Collectors.toSet()));
    }

    @Test
    void analyticsDbNeedsDefenderForSql() {
        List<RuleOutcome> outcomes =
                ResourceEvaluation.evaluate(input(SeedEstate.analyticsDb()).build());

        Map<String, RuleOutcome> failing = failing(outcomes);
        assertEquals(Set.of("CW-DEF-SQL"), failing.keySet());
        RuleOutcome sql = failing.get("CW-DEF-SQL");
        assertEquals("Defender for SQL should be enabled", sql.rule().title());
        assertEquals(Severity.MEDIUM, sql.rule().severity());
        assertEquals(
                "the SqlServers plan is off on subscription prod-subscription, leaving analytics-db unprotected:"
                        + " set its tier to Standard",
                diagnosis(sql));
    }

    @Test
    void devTest03WhoseAmaHeartbeatIsFourHoursOldHasItsAmaDown() {
        List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(
                input(SeedEstate.devTest03()).amaHeartbeat(Duration.ofHours(4)).build());

        Map<String, RuleOutcome> failing = failing(outcomes);
        // dev-subscription has Defender for Servers off, so dev-test-03 is also Not monitored, at step 1
        assertEquals(Set.of("CW-AGENT-AMA-DOWN", "CW-MON-NOT-MONITORED"), failing.keySet());
        assertEquals(Severity.HIGH, failing.get("CW-AGENT-AMA-DOWN").rule().severity());
        assertEquals(
                "last Azure Monitor Agent heartbeat 4 hours ago (threshold 15 minutes)",
                diagnosis(failing.get("CW-AGENT-AMA-DOWN")));
        assertTrue(diagnosis(failing.get("CW-MON-NOT-MONITORED"))
                .startsWith("Step 1 (Defender for Servers plan): Defender for Servers is off on subscription"
                        + " dev-subscription"));
    }

    @Test
    void prodDb01HeardFromThreeMinutesAgoFailsNoRuleAtAll() {
        List<RuleOutcome> outcomes = ResourceEvaluation.evaluate(
                input(SeedEstate.prodDb01()).amaHeartbeat(Duration.ofMinutes(3)).build());

        assertEquals(Map.of(), failing(outcomes));
        assertTrue(outcomes.stream().allMatch(outcome -> outcome.verdict() instanceof Verdict.Pass));
        assertEquals(
                RuleCatalog.ALL.stream()
                        .filter(rule -> rule.kinds().contains(ResourceKind.VIRTUAL_MACHINE))
                        .count(),
                outcomes.size());
    }

    static Map<String, RuleOutcome> failing(List<RuleOutcome> outcomes) {
        return outcomes.stream()
                .filter(outcome -> outcome.verdict() instanceof Verdict.Fail)
                .collect(Collectors.toMap(outcome -> outcome.rule().id(), outcome -> outcome));
    }

    static String diagnosis(RuleOutcome outcome) {
        return assertInstanceOf(Verdict.Fail.class, outcome.verdict()).diagnosis();
    }
}
