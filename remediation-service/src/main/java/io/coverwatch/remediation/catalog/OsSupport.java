package io.coverwatch.remediation.catalog;

/** Whether the Azure Monitor Agent and the Defender for Endpoint extension can run on a machine's OS (seed 001, failure 3). */
public enum OsSupport {
    SUPPORTED,
    /** Windows Server 2012 R2: it needs the legacy Log Analytics agent (MMA), not the Azure Monitor Agent. */
    LEGACY_AGENT_ONLY,
    /** A Linux distribution without systemd: the Azure Monitor Agent cannot run on it. */
    NO_SYSTEMD,
    /** Inventory does not say. */
    UNKNOWN
}
