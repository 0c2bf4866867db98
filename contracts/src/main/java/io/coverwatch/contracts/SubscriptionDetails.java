package io.coverwatch.contracts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

/**
 * A subscription and its Microsoft Defender for Cloud settings.
 *
 * @param defenderPlans    {@code Microsoft.Security/pricings}; Foundational CSPM is the {@code CloudPosture} plan
 * @param production       whether the subscription is marked production (by configuration or tag)
 * @param autoProvisioning {@code Microsoft.Security/autoProvisioningSettings}, one per agent
 * @param mcsbAssigned     whether the Microsoft cloud security benchmark initiative is assigned; null when unknown
 * @param workspace        where Defender sends agent data; null when unknown
 */
public record SubscriptionDetails(
        @Size(max = 512) String displayName,
        @Size(max = 64) List<@NotNull @Valid DefenderPlan> defenderPlans,
        boolean production,
        @Size(max = 32) List<@NotNull @Valid AutoProvisioningSetting> autoProvisioning,
        Boolean mcsbAssigned,
        @Valid WorkspaceSetting workspace)
        implements ResourceDetails {

    public SubscriptionDetails {
        defenderPlans = defenderPlans == null ? List.of() : List.copyOf(defenderPlans);
        autoProvisioning = autoProvisioning == null ? List.of() : List.copyOf(autoProvisioning);
    }

    /** A subscription of which only the plans are known. */
    public SubscriptionDetails(String displayName, List<DefenderPlan> defenderPlans, boolean production) {
        this(displayName, defenderPlans, production, List.of(), null, null);
    }

    /** The plan with this pricing name ({@code VirtualMachines}, {@code SqlServers} …), compared case-insensitively. */
    public Optional<DefenderPlan> plan(String pricingName) {
        return defenderPlans.stream()
                .filter(plan -> plan.name().equalsIgnoreCase(pricingName))
                .findFirst();
    }

    public SubscriptionDetails withDefenderPlans(List<DefenderPlan> newPlans) {
        return new SubscriptionDetails(displayName, newPlans, production, autoProvisioning, mcsbAssigned, workspace);
    }

    public SubscriptionDetails withAutoProvisioning(List<AutoProvisioningSetting> newSettings) {
        return new SubscriptionDetails(displayName, defenderPlans, production, newSettings, mcsbAssigned, workspace);
    }
}
