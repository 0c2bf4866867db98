package io.coverwatch.evaluation.rules.score;

import io.coverwatch.evaluation.rules.RuleOutcome;
import java.util.Objects;

/** One rule outcome with the subscription of the resource it is about, as the score counts it. */
public record ScoredOutcome(String subscriptionId, RuleOutcome outcome) {

    public ScoredOutcome {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(outcome, "outcome");
    }
}
