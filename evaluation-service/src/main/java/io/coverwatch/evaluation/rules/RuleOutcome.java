package io.coverwatch.evaluation.rules;

import java.util.Objects;

/**
 * One rule's verdict on one resource, ready for the finding ledger.
 *
 * @param rule            the catalog entry (for a Defender recommendation from continuous export, a rule made for it)
 * @param resourceId      the resource the finding is raised on (a machine's subscription for subscription rules)
 * @param verdict         pass, fail (with the diagnosis) or unknown
 * @param exclusionReason why a failing verdict is excluded (Azure Local exclusion); null when it is not
 */
public record RuleOutcome(Rule rule, String resourceId, Verdict verdict, String exclusionReason) {

    public RuleOutcome {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(verdict, "verdict");
    }
}
