package io.coverwatch.remediation.catalog;

/**
 * A secret the executor reads just before it sends the request, so that it never sits in a plan, a dry run or the
 * audit trail: for MDE, the onboarding package of {@code Microsoft.Security/mdeOnboardings}.
 *
 * @param name       the member of {@code properties.protectedSettings} it fills
 * @param sourcePath the ARM path (with api-version) the executor GETs
 * @param sourceField the field of the response's first value that holds the secret
 */
public record ProtectedSetting(String name, String sourcePath, String sourceField) {}
