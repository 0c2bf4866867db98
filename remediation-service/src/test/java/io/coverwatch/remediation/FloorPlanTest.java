package io.coverwatch.remediation;

import io.coverwatch.security.testing.FloorPlan;
import org.junit.jupiter.api.Test;

/** remediation-service keeps the floor plan every service keeps (see {@link FloorPlan}). */
class FloorPlanTest {

    @Test
    void keepsTheFloorPlan() {
        FloorPlan.of("remediation", "safety", "catalog").check();
    }
}
