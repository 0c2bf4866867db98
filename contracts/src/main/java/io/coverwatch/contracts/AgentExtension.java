package io.coverwatch.contracts;

/**
 * The agent extensions Coverwatch looks for and installs, identified by publisher and type (compared
 * case-insensitively, as ARM does; the extension's name is free text). Every service names an agent by this, so its
 * identity is spelt once. Source: azure-samples/reference/agents-and-plans.md.
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

    public String publisher() {
        return publisher;
    }

    /** The extension type on Windows machines. */
    public String windowsType() {
        return windowsType;
    }

    /** The extension type on Linux machines. */
    public String linuxType() {
        return linuxType;
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
