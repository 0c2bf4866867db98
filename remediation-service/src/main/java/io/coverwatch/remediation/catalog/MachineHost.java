package io.coverwatch.remediation.catalog;

/**
 * Where a machine's extensions live in ARM, with the api-version of the official examples
 * (azure-samples/compute/virtualmachineextensions_get.json, hybridcompute/machineextensions_get.json).
 */
public enum MachineHost {
    AZURE_VM("Microsoft.Compute/virtualMachines", "2025-04-01", true),
    /** Arc's example carries no {@code enableAutomaticUpgrade}; Coverwatch sends only what the example shows. */
    ARC_MACHINE("Microsoft.HybridCompute/machines", "2025-01-13", false);

    private final String armType;
    private final String extensionApiVersion;
    private final boolean automaticUpgrade;

    MachineHost(String armType, String extensionApiVersion, boolean automaticUpgrade) {
        this.armType = armType;
        this.extensionApiVersion = extensionApiVersion;
        this.automaticUpgrade = automaticUpgrade;
    }

    /** Whether extensions here take {@code enableAutomaticUpgrade}. */
    public boolean automaticUpgrade() {
        return automaticUpgrade;
    }

    public String armType() {
        return armType;
    }

    /** The extension's ARM path under the machine: {@code {machine}/extensions/{name}?api-version=…}. */
    public String extensionPath(String machineId, String extensionName) {
        return machineId + "/extensions/" + extensionName + "?api-version=" + extensionApiVersion;
    }
}
