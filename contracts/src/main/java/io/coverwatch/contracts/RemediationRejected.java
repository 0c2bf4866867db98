package io.coverwatch.contracts;

/** A person rejected a remediation that waited for approval; nothing will be changed. */
public record RemediationRejected(Remediation remediation, String rejectedBy, String comment)
        implements RemediationEvent {}
