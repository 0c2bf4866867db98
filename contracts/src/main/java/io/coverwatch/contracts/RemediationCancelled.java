package io.coverwatch.contracts;

/** A remediation stood down before acting: its finding resolved, or its resource no longer exists. */
public record RemediationCancelled(Remediation remediation, String reason) implements RemediationEvent {}
