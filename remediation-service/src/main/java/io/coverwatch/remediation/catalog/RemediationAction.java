package io.coverwatch.remediation.catalog;

/** The changes Coverwatch knows how to make in Azure (DESIGN.md §4). */
public enum RemediationAction {
    /** Installs the Azure Monitor Agent extension on a VM or an Arc machine. */
    INSTALL_AMA("install the Azure Monitor Agent"),
    /** Installs the Defender for Endpoint extension on a VM or an Arc machine. */
    INSTALL_MDE("install the Defender for Endpoint sensor"),
    /** Associates the configured data collection rule with a machine. */
    ASSOCIATE_DCR("associate the data collection rule"),
    /** Re-applies a failed or silent agent extension (bounded attempts). */
    REINSTALL_EXTENSION("reinstall the agent extension"),
    /** Turns on Defender for Cloud's auto-provisioning of agents for a subscription. */
    ENABLE_AUTO_PROVISIONING("turn on auto-provisioning"),
    /** Turns a Defender plan on for a subscription; it costs money. */
    ENABLE_DEFENDER_PLAN("enable the Defender plan"),
    /** Exempts a machine from the policy assignment that blocks the Defender for Cloud extensions. */
    CREATE_POLICY_EXEMPTION("create a policy exemption for the Defender for Cloud extensions");

    private final String description;

    RemediationAction(String description) {
        this.description = description;
    }

    /** What the action does, as a sentence fragment: "install the Azure Monitor Agent". */
    public String description() {
        return description;
    }
}
