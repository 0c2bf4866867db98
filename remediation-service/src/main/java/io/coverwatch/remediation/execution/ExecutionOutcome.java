package io.coverwatch.remediation.execution;

import java.util.Objects;

/** What an executor's attempt came to, in words the audit trail shows. */
public sealed interface ExecutionOutcome {

    /** What Azure (or the demo estate) answered, or why the attempt failed. */
    String detail();

    /** The change was accepted: for ARM a 200, 201 or an accepted long-running operation that succeeded. */
    record Succeeded(String detail) implements ExecutionOutcome {
        public Succeeded {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The change was not made.
     *
     * @param transientFailure a timeout, a throttle or a 5xx: trying again later may work; a 4xx is not transient
     */
    record Failed(String detail, boolean transientFailure) implements ExecutionOutcome {
        public Failed {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
