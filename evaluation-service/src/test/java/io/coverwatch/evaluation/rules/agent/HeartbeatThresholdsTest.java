package io.coverwatch.evaluation.rules.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.GenericDetails;
import io.coverwatch.evaluation.rules.SeedEstate;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeartbeatThresholdsTest {

    private static final HeartbeatThresholds THRESHOLDS = new HeartbeatThresholds(
            Duration.ofMinutes(15),
            Map.of(SeedEstate.DEV, Duration.ofHours(2)),
            Map.of("env=prod", Duration.ofMinutes(5), "tier=batch", Duration.ofHours(8)));

    @Test
    void byDefaultFifteenMinutes() {
        assertEquals(Duration.ofMinutes(15), HeartbeatThresholds.defaults().thresholdFor(SeedEstate.prodDb01()));
        assertEquals(
                Duration.ofMinutes(15), THRESHOLDS.thresholdFor(machine(SeedEstate.HYBRID, Map.of("owner", "ops"))));
    }

    @Test
    void aSubscriptionOverridesTheDefault() {
        assertEquals(Duration.ofHours(2), THRESHOLDS.thresholdFor(machine(SeedEstate.DEV, Map.of("env", "dev"))));
    }

    @Test
    void aTagOverridesTheSubscription() {
        assertEquals(
                Duration.ofHours(8),
                THRESHOLDS.thresholdFor(machine(SeedEstate.DEV, Map.of("env", "dev", "tier", "batch"))));
    }

    @Test
    void tagsAndSubscriptionIdsAreComparedCaseInsensitively() {
        assertEquals(Duration.ofMinutes(5), THRESHOLDS.thresholdFor(machine(SeedEstate.PROD, Map.of("Env", "Prod"))));
        assertEquals(
                Duration.ofHours(2),
                new HeartbeatThresholds(
                                Duration.ofMinutes(15),
                                Map.of(SeedEstate.DEV.toUpperCase(), Duration.ofHours(2)),
                                Map.of())
                        .thresholdFor(machine(SeedEstate.DEV, Map.of())));
    }

    @Test
    void whenSeveralTagsMatchTheStrictestWins() {
        assertEquals(
                Duration.ofMinutes(5),
                THRESHOLDS.thresholdFor(machine(SeedEstate.PROD, Map.of("env", "prod", "tier", "batch"))));
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HeartbeatThresholds(Duration.ZERO, Map.of(), Map.of()));
        assertThrows(
                IllegalArgumentException.class,
                () -> new HeartbeatThresholds(Duration.ofMinutes(15), Map.of(), Map.of("env", Duration.ofMinutes(5))));
        assertThrows(
                IllegalArgumentException.class,
                () -> new HeartbeatThresholds(
                        Duration.ofMinutes(15), Map.of(SeedEstate.DEV, Duration.ofMinutes(-1)), Map.of()));
    }

    private static AzureResource machine(String subscriptionId, Map<String, String> tags) {
        return new AzureResource(
                "/subscriptions/" + subscriptionId
                        + "/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
                "Microsoft.Compute/virtualMachines",
                "vm",
                subscriptionId,
                "rg",
                "uksouth",
                tags,
                new GenericDetails());
    }
}
