package io.coverwatch.evaluation.coverage;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.Severity;
import java.util.List;
import java.util.Set;

/** Every rule Coverwatch applies, with its stable ID (DESIGN.md §3). */
public final class RuleCatalog {

    /** A subscription that holds machines has Defender for Servers off (seed: "Defender for Servers should be enabled"). */
    public static final Rule DEFENDER_FOR_SERVERS = new Rule(
            "CW-DEF-SERVERS",
            "Defender for Servers should be enabled",
            Severity.HIGH,
            Set.of(AzureResource.SUBSCRIPTION_TYPE),
            "Turn on the Defender for Servers plan (Microsoft.Security/pricings/VirtualMachines, tier Standard,"
                    + " sub-plan P1 or P2) on the subscription.");

    public static final List<Rule> ALL = List.of(DEFENDER_FOR_SERVERS);

    private RuleCatalog() {}
}
