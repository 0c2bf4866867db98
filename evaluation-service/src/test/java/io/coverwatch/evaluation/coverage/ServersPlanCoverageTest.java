package io.coverwatch.evaluation.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.SubscriptionDetails;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServersPlanCoverageTest {

    private static SubscriptionDetails subscription(String name, DefenderPlan... plans) {
        return new SubscriptionDetails(name, List.of(plans), false);
    }

    @Test
    void devSubscriptionWithoutDefenderForServersFailsOnceItHoldsAVm() {
        SubscriptionDetails devSubscription =
                subscription("dev-subscription", new DefenderPlan("VirtualMachines", PricingTier.FREE, null));

        assertEquals(Verdict.FAIL, ServersPlanCoverage.evaluate(Optional.of(devSubscription), 1));
    }

    @Test
    void prodSubscriptionOnServersPlan2Passes() {
        SubscriptionDetails prod =
                subscription("prod-subscription", new DefenderPlan("VirtualMachines", PricingTier.STANDARD, "P2"));

        assertEquals(Verdict.PASS, ServersPlanCoverage.evaluate(Optional.of(prod), 12));
    }

    @Test
    void planNameIsComparedCaseInsensitively() {
        SubscriptionDetails prod =
                subscription("prod-subscription", new DefenderPlan("virtualmachines", PricingTier.STANDARD, "P1"));

        assertEquals(Verdict.PASS, ServersPlanCoverage.evaluate(Optional.of(prod), 1));
    }

    @Test
    void aSubscriptionThatDoesNotListTheServersPlanHasItOff() {
        SubscriptionDetails onlySql =
                subscription("analytics", new DefenderPlan("SqlServers", PricingTier.STANDARD, null));

        assertEquals(Verdict.FAIL, ServersPlanCoverage.evaluate(Optional.of(onlySql), 3));
    }

    @Test
    void aSubscriptionWithoutMachinesHasNothingForThePlanToProtect() {
        SubscriptionDetails devSubscription =
                subscription("dev-subscription", new DefenderPlan("VirtualMachines", PricingTier.FREE, null));

        assertEquals(Verdict.PASS, ServersPlanCoverage.evaluate(Optional.of(devSubscription), 0));
    }

    @Test
    void aVmWhoseSubscriptionInventoryHasNotReportedYetIsNotJudged() {
        assertEquals(Verdict.UNKNOWN, ServersPlanCoverage.evaluate(Optional.empty(), 1));
    }
}
