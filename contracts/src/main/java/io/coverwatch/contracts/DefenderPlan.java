package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One Defender for Cloud plan of a subscription, as {@code Microsoft.Security/pricings} reports it.
 *
 * @param name        the pricing name, for example {@code VirtualMachines}
 * @param pricingTier {@code Free} (plan off) or {@code Standard} (plan on)
 * @param subPlan     for example {@code P1} or {@code P2} for Defender for Servers; null when the plan has none
 * @param extensions  the names of the plan's extensions that are enabled ({@code isEnabled} "True")
 */
public record DefenderPlan(
        @NotBlank @Size(max = 64) String name,
        PricingTier pricingTier,
        @Size(max = 64) String subPlan,
        @Size(max = 32) List<@NotNull @Size(max = 128) String> extensions) {

    public DefenderPlan {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }

    /** A plan without enabled extensions. */
    public DefenderPlan(String name, PricingTier pricingTier, String subPlan) {
        this(name, pricingTier, subPlan, List.of());
    }

    /** The pricing name of Defender for Servers. */
    public static final String SERVERS = "VirtualMachines";

    /** The pricing name of Foundational CSPM / Defender CSPM. */
    public static final String CLOUD_POSTURE = "CloudPosture";

    @JsonIgnore
    public boolean enabled() {
        return pricingTier == PricingTier.STANDARD;
    }
}
