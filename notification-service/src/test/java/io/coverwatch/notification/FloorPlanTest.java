package io.coverwatch.notification;

import io.coverwatch.security.testing.FloorPlan;
import org.junit.jupiter.api.Test;

/** notification-service keeps the floor plan every service keeps (see {@link FloorPlan}). */
class FloorPlanTest {

    @Test
    void keepsTheFloorPlan() {
        FloorPlan.of("notification", "routing").check();
    }
}
