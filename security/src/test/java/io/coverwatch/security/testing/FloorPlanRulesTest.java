package io.coverwatch.security.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The floor plan fails on each kind of violation, shown once on a fixture "service" under
 * {@code io.coverwatch.fixture}: a domain rule importing JAX-RS, a package importing the REST edge, a cycle between
 * two packages, and a reach into evaluation-service.
 */
class FloorPlanRulesTest {

    private static final JavaClasses FIXTURE = new ClassFileImporter().importPackages("io.coverwatch.fixture");

    private static String violations() {
        return assertThrows(AssertionError.class, () -> FloorPlan.of("fixture", "rules")
                        .check(FIXTURE))
                .getMessage();
    }

    @Test
    void aDomainRuleThatImportsTheFrameworkIsRefused() {
        String message = assertThrows(
                        AssertionError.class,
                        () -> FloorPlan.of("fixture", "rules").rules().get(0).check(FIXTURE))
                .getMessage();

        assertTrue(message.contains("LeakyRule") && message.contains("jakarta.enterprise"), message);
    }

    @Test
    void aPackageThatImportsAnEdgeIsRefused() {
        String message = assertThrows(
                        AssertionError.class,
                        () -> FloorPlan.of("fixture").rules().get(0).check(FIXTURE))
                .getMessage();

        assertTrue(message.contains("Alpha") && message.contains("SomeResource"), message);
    }

    @Test
    void aCycleIsRefused() {
        String message = assertThrows(
                        AssertionError.class,
                        () -> FloorPlan.of("fixture").rules().get(1).check(FIXTURE))
                .getMessage();

        assertTrue(message.contains("Cycle") && message.contains("alpha") && message.contains("beta"), message);
    }

    @Test
    void aReachIntoAnotherServiceIsRefused() {
        JavaClasses withEvaluation =
                new ClassFileImporter().importPackages("io.coverwatch.fixture", "io.coverwatch.evaluation");
        String message = assertThrows(
                        AssertionError.class,
                        () -> FloorPlan.of("fixture").rules().get(2).check(withEvaluation))
                .getMessage();

        assertTrue(message.contains("Beta") && message.contains("io.coverwatch.evaluation.Evaluated"), message);
    }

    @Test
    void theWholePlanReportsThemAll() {
        assertTrue(violations().contains("LeakyRule"), violations());
    }
}
