package io.coverwatch.remediation.catalog;

import io.coverwatch.contracts.AgentExtension;

/**
 * How Coverwatch installs each agent it may install: the extension (publisher and type per OS, from contracts) and
 * the handler version. The versions are those of Microsoft's built-in deployIfNotExists policies (AMA: Windows 1.1,
 * Linux 1.36) and of Microsoft's MDE deployment examples (1.0); minor versions upgrade automatically.
 */
public enum AgentInstall {
    AZURE_MONITOR_AGENT(AgentExtension.AZURE_MONITOR_AGENT, "1.1", "1.36", true),
    DEFENDER_FOR_ENDPOINT(AgentExtension.DEFENDER_FOR_ENDPOINT, "1.0", "1.0", false);

    private final AgentExtension extension;
    private final String windowsVersion;
    private final String linuxVersion;
    private final boolean automaticUpgrade;

    AgentInstall(AgentExtension extension, String windowsVersion, String linuxVersion, boolean automaticUpgrade) {
        this.extension = extension;
        this.windowsVersion = windowsVersion;
        this.linuxVersion = linuxVersion;
        this.automaticUpgrade = automaticUpgrade;
    }

    /** The extension this installs. */
    public AgentExtension extension() {
        return extension;
    }

    public String displayName() {
        return extension.displayName();
    }

    public String publisher() {
        return extension.publisher();
    }

    public String type(OsType os) {
        return os == OsType.WINDOWS ? extension.windowsType() : extension.linuxType();
    }

    public String typeHandlerVersion(OsType os) {
        return os == OsType.WINDOWS ? windowsVersion : linuxVersion;
    }

    /** Whether the extension supports {@code enableAutomaticUpgrade} (the AMA does; MDE upgrades itself). */
    public boolean automaticUpgrade() {
        return automaticUpgrade;
    }
}
