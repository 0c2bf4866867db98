package io.coverwatch.remediation.execution;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link FakeInventory} and makes the demo estate executor the one remediation-service uses, pointed at it. */
public class FakeInventoryTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile FakeInventory fake;

    static FakeInventory fake() {
        return fake;
    }

    @Override
    public Map<String, String> start() {
        try {
            fake = FakeInventory.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "coverwatch.remediation.executor.kind", "DEMO",
                "coverwatch.remediation.executor.inventory-url", fake.url().toString(),
                "coverwatch.remediation.executor.demo.retry-delay", "10ms",
                "coverwatch.remediation.executor.demo.circuit-delay", "1s");
    }

    @Override
    public void stop() {
        if (fake != null) {
            fake.close();
        }
    }
}
