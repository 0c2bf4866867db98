package io.coverwatch.contracts;

/** The action failed; {@code reason} carries the executor's error. */
public record RemediationFailed(Remediation remediation, String reason) implements RemediationEvent {}
