package io.coverwatch.contracts;

/**
 * The safety gate refused a remediation: the kill switch, the opt-out tag, a policy that forbids the action, an open
 * circuit breaker or spent reinstall attempts; {@code reason} says which.
 */
public record RemediationRefused(Remediation remediation, String reason) implements RemediationEvent {}
