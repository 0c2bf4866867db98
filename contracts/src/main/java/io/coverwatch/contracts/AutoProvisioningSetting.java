package io.coverwatch.contracts;

/**
 * One auto-provisioning setting of a subscription.
 *
 * @param name the setting's name, {@code default} for the subscription-wide switch, or the agent it provisions
 * @param on   {@code autoProvision} is {@code On}
 */
public record AutoProvisioningSetting(String name, boolean on) {}
