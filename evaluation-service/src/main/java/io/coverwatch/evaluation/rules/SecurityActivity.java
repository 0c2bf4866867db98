package io.coverwatch.evaluation.rules;

import java.time.Instant;

/**
 * A machine's last security signals, for the cross-signal rules.
 *
 * @param lastDefenderAlert the last Defender for Cloud alert about the machine; null when none
 * @param lastSecurityEvent the last Windows security event it sent to the workspace; null when none
 */
public record SecurityActivity(Instant lastDefenderAlert, Instant lastSecurityEvent) {

    public static final SecurityActivity NONE = new SecurityActivity(null, null);
}
