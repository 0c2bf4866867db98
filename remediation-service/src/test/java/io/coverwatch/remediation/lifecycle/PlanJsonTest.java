package io.coverwatch.remediation.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.remediation.catalog.RemediationCatalog;
import io.coverwatch.remediation.catalog.RemediationPlan;
import io.coverwatch.remediation.catalog.ResourceFacts;
import io.coverwatch.remediation.catalog.SeedEstate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlanJsonTest {

    @Test
    void whatRunsAfterAnApprovalIsExactlyWhatWasApproved() {
        for (RemediationPlan plan : new RemediationPlan[] {
            RemediationCatalog.planFor(
                    SeedEstate.finding("CW-DEF-SERVERS", SeedEstate.devSubscription(), null),
                    SeedEstate.devSubscription()),
            RemediationCatalog.planFor(
                    SeedEstate.finding("CW-XSIG-MDE-NOT-DEPLOYED", SeedEstate.prodWeb01(), null),
                    SeedEstate.prodWeb01()),
            RemediationCatalog.planFor(
                    SeedEstate.finding("CW-MON-LA-AGENT", SeedEstate.prodWeb01(), null), SeedEstate.prodWeb01())
        }) {
            RemediationPlan.Automatic automatic = (RemediationPlan.Automatic) plan;

            RemediationPlan.Automatic read = PlanJson.read(PlanJson.write(automatic));

            assertEquals(automatic.request().describe(), read.request().describe());
            assertEquals(automatic.request().protectedSetting(), read.request().protectedSetting());
            assertEquals(automatic.target(), read.target());
            assertEquals(automatic.episode(), read.episode());
            assertEquals(automatic.idempotencyKey(), read.idempotencyKey());
        }
    }

    @Test
    void prodWeb01sPlanKeepsItsTags() {
        ResourceFacts tagged = SeedEstate.prodWeb01().withTags(Map.of("owner", "qa"));
        RemediationPlan.Automatic plan = (RemediationPlan.Automatic)
                RemediationCatalog.planFor(SeedEstate.finding("CW-MON-LA-AGENT", tagged, null), tagged);

        assertEquals(
                Map.of("owner", "qa"),
                PlanJson.read(PlanJson.write(plan)).target().tags());
    }
}
