package io.coverwatch.console.findings;

import io.coverwatch.contracts.Finding;
import java.util.List;

/**
 * A resource's troubleshooting walk as evaluation-service's {@code /api/resources/…/diagnosis} gives it: every step of
 * the seed's order with its result, and the first that failed, which names why the machine is not monitored.
 */
public record Diagnosis(
        String resourceId,
        String kind,
        String agentHealth,
        List<Step> steps,
        Step firstFailure,
        List<Finding> findings) {

    /** @param result {@code passed}, {@code failed} or {@code unknown} */
    public record Step(int number, String step, String label, String question, String result, String detail) {}

    /** Whether this is the step the walk stopped at: the page highlights it (two steps share the seed's number 6). */
    public boolean stoppedAt(Step step) {
        return firstFailure != null && firstFailure.step().equals(step.step());
    }
}
