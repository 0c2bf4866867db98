package io.coverwatch.notification.alert;

/** An alert fires while its finding is open and resolves with it, as in Alertmanager. */
public enum AlertState {
    FIRING,
    RESOLVED
}
