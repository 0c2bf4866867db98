package io.coverwatch.contracts;

import jakarta.validation.constraints.Size;

/**
 * One auto-provisioning setting of a subscription.
 *
 * @param name the setting's name, {@code default} for the subscription-wide switch, or the agent it provisions
 * @param on   {@code autoProvision} is {@code On}
 */
public record AutoProvisioningSetting(@Size(max = 128) String name, boolean on) {}
