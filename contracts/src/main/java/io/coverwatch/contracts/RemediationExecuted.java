package io.coverwatch.contracts;

/** The action was sent to its executor; {@code result} is what the executor answered. */
public record RemediationExecuted(Remediation remediation, String result) implements RemediationEvent {}
