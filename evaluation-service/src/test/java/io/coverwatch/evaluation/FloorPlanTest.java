package io.coverwatch.evaluation;

import io.coverwatch.security.testing.FloorPlan;
import org.junit.jupiter.api.Test;

/** evaluation-service keeps the floor plan every service keeps (see {@link FloorPlan}). */
class FloorPlanTest {

    @Test
    void keepsTheFloorPlan() {
        FloorPlan.of("evaluation", "rules").check();
    }
}
