package io.coverwatch.inventory.demo;

import java.time.Instant;

/** A change to one resource of the demo estate: a scenario, or a remediation action. Pure. */
@FunctionalInterface
interface DemoChange {

    /**
     * @throws InvalidDemoRequest when the request does not fit the target
     * @throws ActionRefused      when the estate refuses the change as Azure would
     */
    DemoResource apply(DemoResource target, DemoRequest request, Instant now);
}
