package io.coverwatch.notification.alert;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An alert fires while its finding is open and resolves with it, as in Alertmanager. */
@Schema(description = "FIRING while its finding is open; RESOLVED once it resolved, as in Alertmanager.")
public enum AlertState {
    FIRING,
    RESOLVED
}
