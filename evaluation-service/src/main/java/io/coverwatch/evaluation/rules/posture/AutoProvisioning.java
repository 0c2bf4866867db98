package io.coverwatch.evaluation.rules.posture;

import io.coverwatch.contracts.AutoProvisioningSetting;
import io.coverwatch.contracts.SubscriptionDetails;
import java.util.Optional;

/**
 * The agents Defender for Servers auto-provisions (seed 001: "the MDE sensor ... and the Azure Monitor Agent"), each
 * with the name of its own auto-provisioning setting. The {@code Microsoft.Security/autoProvisioningSettings} API only
 * returns {@code default} (azure-samples/security/autoprovisioningsettings_list.json): it decides for every agent that
 * has no setting of its own.
 */
public enum AutoProvisioning {
    AZURE_MONITOR_AGENT("AzureMonitorAgent", "Azure Monitor Agent"),
    MDE_SENSOR("MdeSensor", "Defender for Endpoint sensor");

    static final String DEFAULT_SETTING = "default";

    private final String settingName;
    private final String agent;

    AutoProvisioning(String settingName, String agent) {
        this.settingName = settingName;
        this.agent = agent;
    }

    public String settingName() {
        return settingName;
    }

    /** The agent, as a finding names it. */
    public String agent() {
        return agent;
    }

    /** Whether the subscription auto-provisions this agent; empty when it reported no applicable setting. */
    public Optional<Boolean> on(SubscriptionDetails subscription) {
        return setting(subscription, settingName)
                .or(() -> setting(subscription, DEFAULT_SETTING))
                .map(AutoProvisioningSetting::on);
    }

    private static Optional<AutoProvisioningSetting> setting(SubscriptionDetails subscription, String name) {
        return subscription.autoProvisioning().stream()
                .filter(setting -> name.equalsIgnoreCase(setting.name()))
                .findFirst();
    }
}
