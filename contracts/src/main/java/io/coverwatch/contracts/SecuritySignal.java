package io.coverwatch.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * Evidence that a machine's security sensors are producing data: a Defender for Cloud alert about it (continuous
 * export), or a Windows security event it sent to the workspace (Log Analytics data export of {@code SecurityEvent}).
 * Evaluation compares the two per machine: alerts without security events mean the Azure Monitor Agent is not
 * collecting; security events without Defender alerts or the MDE sensor mean MDE is not deployed.
 *
 * @param signalId   stable per fact: the alert's {@code systemAlertId}, or a hash of the event row
 * @param resourceId the machine the signal is about
 * @param name       the alert type (for example {@code SUSPECT_SVCHOST}) or the event ID (for example {@code 4625})
 * @param severity   the alert's severity as Defender spells it (High/Medium/Low/Informational); null for events
 * @param observedAt when the signal was generated
 */
public record SecuritySignal(
        String signalId, String resourceId, SignalKind kind, String name, String severity, Instant observedAt)
        implements ResourceKeyed {

    /** Where a security signal comes from. */
    public enum SignalKind {
        /** A Defender for Cloud security alert (continuous export). */
        DEFENDER_ALERT,
        /** A row of the workspace's {@code SecurityEvent} table, collected by the Azure Monitor Agent. */
        SECURITY_EVENT
    }

    public SecuritySignal {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
