package io.coverwatch.contracts;

/** The finding resolved from fresh inventory after the action: the fix is done. */
public record RemediationVerified(Remediation remediation) implements RemediationEvent {}
