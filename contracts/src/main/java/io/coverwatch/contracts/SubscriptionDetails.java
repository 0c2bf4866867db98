package io.coverwatch.contracts;

import java.util.List;
import java.util.Optional;

/**
 * A subscription and its Microsoft Defender for Cloud plans ({@code Microsoft.Security/pricings}).
 *
 * @param production whether the subscription is marked production (by configuration or tag)
 */
public record SubscriptionDetails(String displayName, List<DefenderPlan> defenderPlans, boolean production)
        implements ResourceDetails {

    public SubscriptionDetails {
        defenderPlans = defenderPlans == null ? List.of() : List.copyOf(defenderPlans);
    }

    /** The plan with this pricing name ({@code VirtualMachines}, {@code SqlServers} …), compared case-insensitively. */
    public Optional<DefenderPlan> plan(String pricingName) {
        return defenderPlans.stream()
                .filter(plan -> plan.name().equalsIgnoreCase(pricingName))
                .findFirst();
    }
}
