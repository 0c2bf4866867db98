package io.coverwatch.remediation.planning;

/**
 * What remediation would do about one finding.
 *
 * @param request the exact Azure Resource Manager request the action sends, so a dry run says what it would do
 */
public record PlannedAction(RemediationAction action, String request) {}
