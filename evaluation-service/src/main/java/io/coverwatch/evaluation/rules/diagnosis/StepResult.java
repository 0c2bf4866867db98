package io.coverwatch.evaluation.rules.diagnosis;

import java.util.Objects;

/** What one troubleshooting step found. */
public sealed interface StepResult {

    record Passed() implements StepResult {}

    /** The step failed; {@code detail} says why and what to do. */
    record Failed(String detail) implements StepResult {
        public Failed {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Inventory cannot tell (for example the machine's outbound connectivity is not known); the walk goes on. */
    record Unknown(String reason) implements StepResult {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    StepResult PASSED = new Passed();
}
