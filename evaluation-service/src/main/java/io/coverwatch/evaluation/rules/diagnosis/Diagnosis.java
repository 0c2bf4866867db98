package io.coverwatch.evaluation.rules.diagnosis;

import io.coverwatch.contracts.TroubleshootingStep;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every troubleshooting step's result for one machine. The answer is the first failing step in the seed's order:
 * later steps are kept for context only, and an unknown step does not stop the walk.
 */
public record Diagnosis(Map<TroubleshootingStep, StepResult> steps) {

    public Diagnosis {
        EnumMap<TroubleshootingStep, StepResult> copy = new EnumMap<>(TroubleshootingStep.class);
        copy.putAll(steps);
        for (TroubleshootingStep step : TroubleshootingStep.values()) {
            Objects.requireNonNull(copy.get(step), () -> "no result for " + step);
        }
        steps = Collections.unmodifiableMap(copy);
    }

    public StepResult result(TroubleshootingStep step) {
        return steps.get(step);
    }

    /** The first failing step, which the walk stops at; empty when none fails. */
    public Optional<StepFailure> firstFailure() {
        return steps.entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StepResult.Failed)
                .findFirst()
                .map(entry -> new StepFailure(entry.getKey(), ((StepResult.Failed) entry.getValue()).detail()));
    }

    /** The step the walk stopped at, and why. */
    public record StepFailure(TroubleshootingStep step, String detail) {

        /** For example {@code Step 4 (Outbound connectivity): no outbound HTTPS ...}, as a finding shows it. */
        public String describe() {
            return "Step " + step.number() + " (" + step.label() + "): " + detail;
        }
    }
}
