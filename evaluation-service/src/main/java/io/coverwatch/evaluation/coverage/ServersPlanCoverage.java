package io.coverwatch.evaluation.coverage;

import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.SubscriptionDetails;
import java.util.Optional;

/**
 * Rule {@link RuleCatalog#DEFENDER_FOR_SERVERS}: machines are only protected when their subscription's Defender for
 * Servers plan is on (tier Standard). A subscription with no machines has nothing for the plan to protect.
 */
public final class ServersPlanCoverage {

    private ServersPlanCoverage() {}

    /**
     * @param subscription the subscription's state, empty while inventory has not reported it
     * @param machines     how many machines the subscription holds
     */
    public static Verdict evaluate(Optional<SubscriptionDetails> subscription, long machines) {
        if (machines == 0) {
            return Verdict.PASS;
        }
        return subscription
                .map(details -> details.plan(DefenderPlan.SERVERS)
                        .map(DefenderPlan::enabled)
                        .orElse(false))
                .map(enabled -> enabled ? Verdict.PASS : Verdict.FAIL)
                .orElse(Verdict.UNKNOWN);
    }
}
