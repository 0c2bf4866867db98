package io.coverwatch.remediation.catalog;

/** The changes Coverwatch knows how to make in Azure (DESIGN.md §4). */
public enum RemediationAction {
    /** Installs the Azure Monitor Agent extension on a VM or an Arc machine. */
    INSTALL_AMA,
    /** Installs the Defender for Endpoint extension on a VM or an Arc machine. */
    INSTALL_MDE,
    /** Associates the configured data collection rule with a machine. */
    ASSOCIATE_DCR,
    /** Re-applies a failed or silent agent extension (bounded attempts). */
    REINSTALL_EXTENSION,
    /** Turns on Defender for Cloud's auto-provisioning of agents for a subscription. */
    ENABLE_AUTO_PROVISIONING,
    /** Turns a Defender plan on for a subscription; it costs money. */
    ENABLE_DEFENDER_PLAN,
    /** Exempts a machine from the policy assignment that blocks the Defender for Cloud extensions. */
    CREATE_POLICY_EXEMPTION
}
