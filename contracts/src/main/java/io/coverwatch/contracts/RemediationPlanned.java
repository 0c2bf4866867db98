package io.coverwatch.contracts;

/** A remediation was planned; {@code plan} says exactly what it would do. */
public record RemediationPlanned(Remediation remediation, String plan) implements RemediationEvent {}
