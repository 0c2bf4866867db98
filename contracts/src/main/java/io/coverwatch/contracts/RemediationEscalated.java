package io.coverwatch.contracts;

/** The finding did not resolve in time, or a cap stopped the action: a person must look. */
public record RemediationEscalated(Remediation remediation, String reason) implements RemediationEvent {}
