package io.coverwatch.evaluation.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.Severity;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuleCatalogTest {

    @Test
    void ruleIdsAreUniqueAndStable() {
        Set<String> ids = new HashSet<>();
        for (Rule rule : RuleCatalog.ALL) {
            assertTrue(ids.add(rule.id()), rule.id());
            assertTrue(rule.id().matches("CW-[A-Z0-9-]+"), rule.id());
            assertFalse(rule.kinds().isEmpty(), rule.id());
            assertFalse(rule.remediation().isBlank(), rule.id());
        }
        assertEquals("CW-DEF-SERVERS", RuleCatalog.DEFENDER_FOR_SERVERS.id());
    }

    @Test
    void blindSpotsAreNeverFindings() {
        assertTrue(RuleCatalog.ALL.stream().noneMatch(rule -> rule.kinds().contains(ResourceKind.OTHER)));
    }

    @Test
    void findIgnoresCase() {
        assertEquals(Optional.of(RuleCatalog.AMA_DOWN), RuleCatalog.find("cw-agent-ama-down"));
        assertEquals(Optional.empty(), RuleCatalog.find("CW-NOPE"));
    }

    @Test
    void aDefenderRecommendationBecomesARuleOfItsOwn() {
        DefenderAssessment sharedKeys = new DefenderAssessment(
                "/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/azlocal-rg/providers"
                        + "/Microsoft.Storage/storageAccounts/azlocalwitness01/providers/Microsoft.Security/assessments"
                        + "/3B363842-30F5-4056-980D-3A40FA5DE8B3",
                "3B363842-30F5-4056-980D-3A40FA5DE8B3",
                "Storage accounts should prevent shared key access",
                "/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/azlocal-rg/providers"
                        + "/Microsoft.Storage/storageAccounts/azlocalwitness01",
                AssessmentStatus.UNHEALTHY,
                null,
                null,
                null,
                "https://portal.azure.com/#blade/recommendation",
                Instant.parse("2026-11-24T09:00:00Z"));

        Rule rule = RuleCatalog.defenderRecommendation(sharedKeys);

        assertEquals("CW-MDC-3b363842-30f5-4056-980d-3a40fa5de8b3", rule.id());
        assertEquals("Storage accounts should prevent shared key access", rule.title());
        assertEquals(Severity.MEDIUM, rule.severity());
        assertEquals(Set.of(ResourceKind.STORAGE_ACCOUNT), rule.kinds());
        assertEquals(
                "Follow the recommendation in Defender for Cloud: https://portal.azure.com/#blade/recommendation",
                rule.remediation());
    }

    @Test
    void theKindOfAnAssessedResourceComesFromItsId() {
        assertEquals(ResourceKind.SUBSCRIPTION, ResourceKind.ofResourceId("/subscriptions/" + SeedEstate.DEV));
        assertEquals(
                ResourceKind.SQL_SERVER,
                ResourceKind.ofResourceId(SeedEstate.analyticsDb().id()));
        assertEquals(
                ResourceKind.OTHER,
                ResourceKind.ofResourceId(SeedEstate.analyticsDb().id() + "/databases/sales"));
        assertEquals(
                ResourceKind.VIRTUAL_MACHINE,
                ResourceKind.ofResourceId(SeedEstate.prodWeb01().id().toUpperCase()));
    }
}
