package io.coverwatch.remediation.catalog;

/** Whether a machine can take an extension now: ARM cannot install one on a deallocated VM or an offline Arc machine. */
public enum PowerState {
    RUNNING,
    /** A stopped or deallocated Azure VM. */
    POWERED_OFF,
    /** An Arc machine whose Connected Machine agent is Disconnected or Expired. */
    DISCONNECTED,
    /** Inventory does not say; treated as running, and verification catches a failed change. */
    UNKNOWN
}
