package io.coverwatch.evaluation.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderPlan;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.PricingTier;
import io.coverwatch.contracts.ResourceDeleted;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.VirtualMachineDetails;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.verdict.EstateChanges.Observed;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A poll's resource events applied together: in their order, and each affected resource judged once, in its state
 * after the last of them — the subscription its machines' events name, a resource changed twice, one created and
 * deleted in the same poll.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class EstateChangesTest {

    private static final String SUBSCRIPTION_ID = "77777777-7777-7777-7777-777777777777";
    private static final String SUBSCRIPTION = "/subscriptions/" + SUBSCRIPTION_ID;
    private static final String SERVERS_OFF = Finding.idFor("CW-DEF-SERVERS", SUBSCRIPTION);

    @Inject
    EstateChanges estate;

    @Inject
    FindingLedger ledger;

    @Inject
    ResourceStates states;

    @Test
    void aPollIsJudgedAsItLeavesTheEstate() {
        Instant t = Instant.now();
        // The subscription and its machines arrive in one poll: the subscription is judged with its machines in it.
        apply(upserted(subscription(PricingTier.FREE), t), upserted(vm("batch-01"), t), upserted(vm("batch-02"), t));
        Finding opened = finding();
        assertEquals(FindingStatus.OPEN, opened.status());

        // Switched on and off again within one poll: judged off, as it is now, so the finding was never resolved.
        apply(
                upserted(subscription(PricingTier.STANDARD), t.plusSeconds(1)),
                upserted(subscription(PricingTier.FREE), t.plusSeconds(2)));
        Finding after = finding();
        assertEquals(FindingStatus.OPEN, after.status());
        assertEquals(opened.firstSeen(), after.firstSeen(), "never resolved and opened again");

        // Created and deleted in one poll: gone, with no finding of its own left open.
        String transient03 = vm("batch-03").id();
        apply(
                upserted(vm("batch-03"), t.plusSeconds(3)),
                new Observed(
                        new ResourceDeleted(transient03, AzureResource.VIRTUAL_MACHINE_TYPE, SUBSCRIPTION_ID),
                        t.plusSeconds(3)));
        assertTrue(QuarkusTransaction.requiringNew()
                .call(() -> states.find(transient03))
                .isEmpty());
        List<Finding> ofTransient = QuarkusTransaction.requiringNew().call(() -> ledger.of(transient03));
        assertTrue(
                ofTransient.stream().noneMatch(finding -> finding.status() == FindingStatus.OPEN),
                ofTransient.toString());

        // On again: resolved.
        apply(upserted(subscription(PricingTier.STANDARD), t.plusSeconds(4)));
        assertEquals(FindingStatus.RESOLVED, finding().status());
    }

    /** Read in a transaction of its own, so never from an earlier read's persistence context. */
    private Finding finding() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ledger.find(SERVERS_OFF))
                .orElseThrow();
    }

    private void apply(Observed... changes) {
        QuarkusTransaction.requiringNew().run(() -> estate.apply(List.of(changes), Instant.now()));
    }

    private static Observed upserted(AzureResource resource, Instant observedAt) {
        return new Observed(new ResourceUpserted(resource, "hash"), observedAt);
    }

    private static AzureResource subscription(PricingTier serversTier) {
        return new AzureResource(
                SUBSCRIPTION,
                AzureResource.SUBSCRIPTION_TYPE,
                "batch-subscription",
                SUBSCRIPTION_ID,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(
                        "batch-subscription",
                        List.of(new DefenderPlan(DefenderPlan.SERVERS, serversTier, null)),
                        false));
    }

    private static AzureResource vm(String name) {
        return new AzureResource(
                SUBSCRIPTION + "/resourceGroups/batch-rg/providers/Microsoft.Compute/virtualMachines/" + name,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                name,
                SUBSCRIPTION_ID,
                "batch-rg",
                "westeurope",
                Map.of(),
                new VirtualMachineDetails("Linux", "PowerState/running", List.of()));
    }
}
