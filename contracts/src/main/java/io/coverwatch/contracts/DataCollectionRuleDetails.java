package io.coverwatch.contracts;

import jakarta.validation.constraints.Size;

/**
 * A data collection rule ({@code Microsoft.Insights/dataCollectionRules}). Machines name the rules associated with
 * them; evaluation reads the security-event level from here.
 *
 * @param securityEventLevel which Windows security events the rule collects: {@code None}, {@code Minimal},
 *                           {@code Common}, {@code All}, or {@code Custom} for an XPath set that is none of these
 * @param workspaceId        the Log Analytics workspace the rule sends to; null when it sends elsewhere
 */
public record DataCollectionRuleDetails(@Size(max = 64) String securityEventLevel, @Size(max = 1024) String workspaceId)
        implements ResourceDetails {

    public static final String NONE = "None";
    public static final String MINIMAL = "Minimal";
    public static final String COMMON = "Common";
    public static final String ALL = "All";
    public static final String CUSTOM = "Custom";
}
