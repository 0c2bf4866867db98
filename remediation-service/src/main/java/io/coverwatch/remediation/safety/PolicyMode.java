package io.coverwatch.remediation.safety;

/** What a remediation policy allows. */
public enum PolicyMode {
    /** Execute without asking. */
    AUTO,
    /** Wait for a person's approval. */
    APPROVAL,
    /** Never execute. */
    NEVER
}
