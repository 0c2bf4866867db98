package io.coverwatch.evaluation.rules.score;

import io.coverwatch.evaluation.rules.ResourceKind;
import java.util.Objects;

/** How many resources of one kind a subscription holds, as the database counts them for the score. */
public record KindCount(String subscriptionId, ResourceKind kind, long resources) {

    public KindCount {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(kind, "kind");
    }
}
