package io.coverwatch.evaluation.rules.coverage;

import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.Subscriptions;
import io.coverwatch.evaluation.rules.Verdict;
import java.util.Optional;

/**
 * The plan rules (DESIGN.md §3.1): Defender for Servers on the subscription that holds machines, and each other plan
 * on the resources it protects. Kinds without a plan are blind spots, reported by {@link CoverageReport}, never as
 * findings.
 */
public final class PlanCoverage {

    private PlanCoverage() {}

    /** {@code CW-DEF-SERVERS}, on a subscription: it holds machines and its Servers plan is off. */
    public static Verdict serversPlan(EvaluationInput input) {
        long machines = Subscriptions.machineCount(input);
        if (machines == 0) {
            return new Verdict.Pass();
        }
        return planVerdict(input, DefenderPlan.SERVERS, machines + " machine" + (machines == 1 ? "" : "s"));
    }

    /** {@code CW-DEF-SQL} and its siblings, on a resource: its kind's plan is off in its subscription. */
    public static Verdict resourcePlan(EvaluationInput input) {
        ResourceKind kind = ResourceKind.of(input.resource().type());
        return kind.defenderPlan()
                .map(plan -> planVerdict(input, plan, input.resource().name()))
                .orElseGet(() -> new Verdict.Unknown(kind + " has no Defender plan"));
    }

    private static Verdict planVerdict(EvaluationInput input, String plan, String unprotected) {
        Optional<SubscriptionDetails> subscription = Subscriptions.of(input);
        if (subscription.isEmpty()) {
            return Subscriptions.notReported(input);
        }
        return Subscriptions.planOn(subscription.get(), plan)
                ? new Verdict.Pass()
                : new Verdict.Fail("the " + plan + " plan is off on subscription " + Subscriptions.name(input)
                        + ", leaving " + unprotected + " unprotected: set its tier to Standard");
    }
}
