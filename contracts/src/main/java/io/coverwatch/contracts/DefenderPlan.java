package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One Defender for Cloud plan of a subscription, as {@code Microsoft.Security/pricings} reports it.
 *
 * @param name        the pricing name, for example {@code VirtualMachines}
 * @param pricingTier {@code Free} (plan off) or {@code Standard} (plan on)
 * @param subPlan     for example {@code P1} or {@code P2} for Defender for Servers; null when the plan has none
 */
public record DefenderPlan(String name, PricingTier pricingTier, String subPlan) {

    /** The pricing name of Defender for Servers. */
    public static final String SERVERS = "VirtualMachines";

    @JsonIgnore
    public boolean enabled() {
        return pricingTier == PricingTier.STANDARD;
    }
}
