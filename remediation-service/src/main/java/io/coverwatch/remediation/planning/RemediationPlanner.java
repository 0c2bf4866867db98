package io.coverwatch.remediation.planning;

import io.coverwatch.contracts.Finding;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Chooses the action for a finding by its rule; a rule without an entry is notify-only. */
public final class RemediationPlanner {

    private static final Map<String, Function<Finding, PlannedAction>> ACTIONS_BY_RULE = Map.of(
            "CW-DEF-SERVERS",
            finding -> new PlannedAction(
                    RemediationAction.ENABLE_DEFENDER_PLAN,
                    "PUT " + finding.resourceId() + "/providers/Microsoft.Security/pricings/VirtualMachines"
                            + "?api-version=2024-01-01 {\"properties\":{\"pricingTier\":\"Standard\","
                            + "\"subPlan\":\"P2\"}}"));

    private RemediationPlanner() {}

    public static Optional<PlannedAction> plan(Finding finding) {
        return Optional.ofNullable(ACTIONS_BY_RULE.get(finding.ruleId())).map(action -> action.apply(finding));
    }
}
