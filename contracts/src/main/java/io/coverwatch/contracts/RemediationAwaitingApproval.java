package io.coverwatch.contracts;

/** A remediation needs a person's approval; {@code plan} says what approving would do. */
public record RemediationAwaitingApproval(Remediation remediation, String plan) implements RemediationEvent {}
