package io.coverwatch.remediation.catalog;

/** Why a finding needs a person rather than an automatic change (seed 001's failures, and machine state). */
public enum Obstacle {
    /** Failure 3: the OS cannot run the Azure Monitor Agent. */
    UNSUPPORTED_OS,
    /** Failure 2: the machine cannot reach the agents' endpoints. */
    NETWORK_BLOCKED,
    /** Failure 4: the identity that deploys extensions lacks a role. */
    MISSING_PERMISSIONS,
    /** A stopped or deallocated VM cannot take an extension. */
    POWERED_OFF,
    /** An Arc machine whose agent does not reach Azure cannot take an extension. */
    DISCONNECTED,
    /** Coverwatch lacks something it needs to build the change (for example the blocking policy assignment). */
    MISSING_FACTS,
    /** The fix is a judgement a person makes, for example removing an agent or choosing a workspace. */
    JUDGEMENT
}
