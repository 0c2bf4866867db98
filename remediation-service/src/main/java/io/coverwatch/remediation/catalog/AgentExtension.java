package io.coverwatch.remediation.catalog;

/**
 * The agent extensions Coverwatch installs, by publisher and type per OS (azure-samples/reference/agents-and-plans.md).
 * The handler versions are those of Microsoft's built-in deployIfNotExists policies (AMA: Windows 1.1, Linux 1.36) and
 * of Microsoft's MDE deployment examples (1.0); minor versions upgrade automatically.
 */
public enum AgentExtension {
    AZURE_MONITOR_AGENT(
            "Azure Monitor Agent",
            "Microsoft.Azure.Monitor",
            "AzureMonitorWindowsAgent",
            "1.1",
            "AzureMonitorLinuxAgent",
            "1.36",
            true),
    DEFENDER_FOR_ENDPOINT(
            "Defender for Endpoint sensor",
            "Microsoft.Azure.AzureDefenderForServers",
            "MDE.Windows",
            "1.0",
            "MDE.Linux",
            "1.0",
            false);

    private final String displayName;
    private final String publisher;
    private final String windowsType;
    private final String windowsVersion;
    private final String linuxType;
    private final String linuxVersion;
    private final boolean automaticUpgrade;

    AgentExtension(
            String displayName,
            String publisher,
            String windowsType,
            String windowsVersion,
            String linuxType,
            String linuxVersion,
            boolean automaticUpgrade) {
        this.displayName = displayName;
        this.publisher = publisher;
        this.windowsType = windowsType;
        this.windowsVersion = windowsVersion;
        this.linuxType = linuxType;
        this.linuxVersion = linuxVersion;
        this.automaticUpgrade = automaticUpgrade;
    }

    public String displayName() {
        return displayName;
    }

    public String publisher() {
        return publisher;
    }

    public String type(OsType os) {
        return os == OsType.WINDOWS ? windowsType : linuxType;
    }

    public String typeHandlerVersion(OsType os) {
        return os == OsType.WINDOWS ? windowsVersion : linuxVersion;
    }

    /** Whether the extension supports {@code enableAutomaticUpgrade} (the AMA does; MDE upgrades itself). */
    public boolean automaticUpgrade() {
        return automaticUpgrade;
    }
}
