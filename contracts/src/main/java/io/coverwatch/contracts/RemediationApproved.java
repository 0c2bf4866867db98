package io.coverwatch.contracts;

/** A person approved a remediation that waited for approval; it is queued for its executor. */
public record RemediationApproved(Remediation remediation, String approvedBy, String comment)
        implements RemediationEvent {}
