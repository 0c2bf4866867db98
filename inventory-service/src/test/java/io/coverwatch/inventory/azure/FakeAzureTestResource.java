package io.coverwatch.inventory.azure;

import io.coverwatch.localinfra.LoopbackHttps;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts {@link FakeAzure} and points inventory-service's Azure sync at it. */
public class FakeAzureTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FakeAzure fake;

    static FakeAzure fake() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        try {
            fake = FakeAzure.start();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the fake Azure endpoint", e);
        }
        return Map.ofEntries(
                Map.entry("coverwatch.inventory.azure.enabled", "true"),
                Map.entry("coverwatch.inventory.azure.environment", "CUSTOM"),
                Map.entry("coverwatch.inventory.azure.resource-manager-endpoint", fake.endpoint()),
                Map.entry("coverwatch.inventory.azure.authority-host", fake.endpoint()),
                Map.entry(
                        "coverwatch.inventory.azure.trust-store",
                        fake.trustStore().toString()),
                Map.entry("coverwatch.inventory.azure.trust-store-password", LoopbackHttps.TRUST_STORE_PASSWORD),
                Map.entry("coverwatch.inventory.azure.first-sync-delay", "1h"),
                Map.entry("coverwatch.inventory.azure.full-sync-interval", "1h"),
                // Short, so the tests of targeted refreshes wait little; long enough to coalesce a burst.
                Map.entry("coverwatch.inventory.azure.refresh-delay", "1s"));
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
