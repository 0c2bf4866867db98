package io.coverwatch.evaluation.rules.exclusion;

import static io.coverwatch.evaluation.rules.SeedEstate.NOW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.coverwatch.evaluation.rules.ResourceEvaluation;
import io.coverwatch.evaluation.rules.RuleOutcome;
import io.coverwatch.evaluation.rules.SeedEstate;
import io.coverwatch.security.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExemptionTest {

    private static final Actor ALICE = new Actor("5f1e3c2a-alice", "Alice");
    private static final Instant NEXT_QUARTER = NOW.plus(Duration.ofDays(90));
    private static final String PROD_RG = "/subscriptions/" + SeedEstate.PROD + "/resourceGroups/prod-rg";

    @Test
    void aValidExemptionIsStoredInCanonicalForm() {
        Exemption exemption = Exemption.create(
                PROD_RG + "/", "cw-mon-la-agent", "  Web tier moves to AMA in Q1  ", NEXT_QUARTER, ALICE, NOW);

        assertEquals(
                new Exemption(PROD_RG, "CW-MON-LA-AGENT", "Web tier moves to AMA in Q1", NEXT_QUARTER, ALICE),
                exemption);
    }

    @Test
    void anUnknownRuleIdIsRejected() {
        InvalidExemption error = assertThrows(
                InvalidExemption.class,
                () -> Exemption.create(PROD_RG, "CW-NO-SUCH-RULE", "because", NEXT_QUARTER, ALICE, NOW));

        assertEquals(
                "Unknown rule ID: CW-NO-SUCH-RULE. Name a rule of the catalog (CW-...) or a Defender recommendation"
                        + " (CW-MDC-<assessment key>).",
                error.getMessage());
    }

    @Test
    void aDefenderRecommendationMayBeExemptedByItsAssessmentKey() {
        Exemption exemption = Exemption.create(
                PROD_RG, "CW-MDC-1195AFFF-C881-495E-9BC5-1486211AE03F", "Accepted risk", NEXT_QUARTER, ALICE, NOW);

        assertEquals("CW-MDC-1195afff-c881-495e-9bc5-1486211ae03f", exemption.ruleId());
        assertThrows(
                InvalidExemption.class,
                () -> Exemption.create(PROD_RG, "CW-MDC-not-a-key", "Accepted risk", NEXT_QUARTER, ALICE, NOW));
    }

    @Test
    void anExpiryInThePastIsRejected() {
        InvalidExemption error = assertThrows(
                InvalidExemption.class,
                () -> Exemption.create(
                        PROD_RG, "CW-MON-LA-AGENT", "because", NOW.minus(Duration.ofDays(1)), ALICE, NOW));

        assertEquals("The expiry 2026-11-23T10:00:00Z is not in the future.", error.getMessage());
        assertThrows(
                InvalidExemption.class, () -> Exemption.create(PROD_RG, "CW-MON-LA-AGENT", "because", NOW, ALICE, NOW));
    }

    @Test
    void anEmptyReasonIsRejected() {
        for (String reason : new String[] {null, "", "   "}) {
            InvalidExemption error = assertThrows(
                    InvalidExemption.class,
                    () -> Exemption.create(PROD_RG, "CW-MON-LA-AGENT", reason, NEXT_QUARTER, ALICE, NOW));
            assertEquals("An exemption needs a reason.", error.getMessage());
        }
    }

    @Test
    void aScopeThatIsNoArmIdIsRejected() {
        assertThrows(
                InvalidExemption.class,
                () -> Exemption.create("prod-rg", "CW-MON-LA-AGENT", "because", NEXT_QUARTER, ALICE, NOW));
        // "/subscriptions/" alone would prefix every resource of every subscription
        assertThrows(
                InvalidExemption.class,
                () -> Exemption.create("/subscriptions/", "CW-MON-LA-AGENT", "because", NEXT_QUARTER, ALICE, NOW));
        assertThrows(
                IllegalArgumentException.class,
                () -> Exemption.create(PROD_RG, "CW-MON-LA-AGENT", "because", null, ALICE, NOW));
    }

    @Test
    void aResourceGroupExemptionCoversProdWeb01sFinding() {
        RuleOutcome laAgent = outcome("CW-MON-LA-AGENT");
        Exemption byGroup =
                Exemption.create(PROD_RG, "CW-MON-LA-AGENT", "Moves to AMA in Q1", NEXT_QUARTER, ALICE, NOW);

        assertEquals(
                Optional.of("Moves to AMA in Q1 (exempted by Alice until 2027-02-22T10:00:00Z)"),
                Exemptions.reasonFor(laAgent, SeedEstate.prodWeb01(), List.of(byGroup), NOW));
    }

    @Test
    void anExemptionCoversOnlyItsRuleItsScopeAndItsTime() {
        RuleOutcome laAgent = outcome("CW-MON-LA-AGENT");
        List<Exemption> others = List.of(
                Exemption.create(PROD_RG, "CW-MON-NOT-MONITORED", "other rule", NEXT_QUARTER, ALICE, NOW),
                // a sibling group whose name prefixes prod-rg's as a string, not as a path
                Exemption.create(
                        PROD_RG.substring(0, PROD_RG.length() - 3), "CW-MON-LA-AGENT", "p", NEXT_QUARTER, ALICE, NOW),
                Exemption.create(
                        "/subscriptions/" + SeedEstate.DEV, "CW-MON-LA-AGENT", "other sub", NEXT_QUARTER, ALICE, NOW));

        assertEquals(Optional.empty(), Exemptions.reasonFor(laAgent, SeedEstate.prodWeb01(), others, NOW));
        Exemption bySubscription = Exemption.create(
                "/subscriptions/" + SeedEstate.PROD, "CW-MON-LA-AGENT", "whole sub", NOW.plusSeconds(60), ALICE, NOW);
        assertEquals(
                Optional.empty(),
                Exemptions.reasonFor(
                        laAgent, SeedEstate.prodWeb01(), List.of(bySubscription), NOW.plus(Duration.ofHours(1))));
    }

    private static RuleOutcome outcome(String ruleId) {
        return ResourceEvaluation.evaluate(
                        SeedEstate.input(SeedEstate.prodWeb01()).build())
                .stream()
                .filter(outcome -> outcome.rule().id().equals(ruleId))
                .findFirst()
                .orElseThrow();
    }
}
