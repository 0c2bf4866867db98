package io.coverwatch.evaluation.rules.machine;

import io.coverwatch.contracts.VmExtension;

/**
 * The agent extensions the rules look for, identified by publisher and type (compared case-insensitively, as ARM
 * does; the extension's name is free text). Source: azure-samples/reference/agents-and-plans.md.
 */
public enum AgentExtension {
    AZURE_MONITOR_AGENT(
            "Azure Monitor Agent", "Microsoft.Azure.Monitor", "AzureMonitorWindowsAgent", "AzureMonitorLinuxAgent"),
    /** The legacy Log Analytics agent: MMA on Windows, OMS agent on Linux. */
    LOG_ANALYTICS_AGENT(
            "Log Analytics agent (MMA)",
            "Microsoft.EnterpriseCloud.Monitoring",
            "MicrosoftMonitoringAgent",
            "OmsAgentForLinux"),
    DEFENDER_FOR_ENDPOINT(
            "Defender for Endpoint sensor", "Microsoft.Azure.AzureDefenderForServers", "MDE.Windows", "MDE.Linux");

    private final String displayName;
    private final String publisher;
    private final String windowsType;
    private final String linuxType;

    AgentExtension(String displayName, String publisher, String windowsType, String linuxType) {
        this.displayName = displayName;
        this.publisher = publisher;
        this.windowsType = windowsType;
        this.linuxType = linuxType;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether the extension is this agent, for either OS. */
    public boolean matches(VmExtension extension) {
        return extension.is(publisher, windowsType) || extension.is(publisher, linuxType);
    }

    /** The extension type to install on a machine of this OS type ({@code Windows}/{@code Linux}; null: both). */
    public String typeFor(String osType) {
        if (osType == null) {
            return windowsType + "/" + linuxType;
        }
        return "Windows".equalsIgnoreCase(osType) ? windowsType : linuxType;
    }
}
