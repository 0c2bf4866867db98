package io.coverwatch.remediation.planning;

/** Where a remediation stands. */
public enum RemediationStatus {
    /** Planned and allowed to run (in dry-run: described only). */
    PLANNED,
    /** Waits for a person's approval. */
    AWAITING_APPROVAL,
    /** The finding resolved before anything was done: nothing left to fix. */
    NO_LONGER_NEEDED
}
