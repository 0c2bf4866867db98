package io.coverwatch.evaluation.rules.exclusion;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.evaluation.rules.RuleOutcome;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Applies users' exemptions to an outcome. */
public final class Exemptions {

    private Exemptions() {}

    /**
     * Why the outcome's rule is exempted on the resource, when an unexpired exemption covers it; the one that lasts
     * longest when several do. The reason names who exempted it and until when.
     */
    public static Optional<String> reasonFor(
            RuleOutcome outcome, AzureResource resource, List<Exemption> exemptions, Instant now) {
        return exemptions.stream()
                .filter(exemption -> exemption.covers(outcome.rule().id(), resource.id(), now))
                .max(Comparator.comparing(Exemption::expiry))
                .map(exemption -> exemption.reason() + " (exempted by "
                        + (exemption.createdBy() == null
                                ? "unknown"
                                : exemption.createdBy().displayName()) + " until "
                        + exemption.expiry() + ")");
    }
}
