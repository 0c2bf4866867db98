package io.coverwatch.inventory;

import io.coverwatch.security.testing.FloorPlan;
import org.junit.jupiter.api.Test;

/** inventory-service keeps the floor plan every service keeps (see {@link FloorPlan}). */
class FloorPlanTest {

    @Test
    void keepsTheFloorPlan() {
        FloorPlan.of("inventory").check();
    }
}
