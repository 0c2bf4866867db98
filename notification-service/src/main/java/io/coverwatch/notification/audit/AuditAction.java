package io.coverwatch.notification.audit;

/** The changes the API makes, as the audit trail names them. */
public enum AuditAction {
    CHANNEL_CREATED,
    CHANNEL_UPDATED,
    CHANNEL_DELETED,
    ROUTES_REPLACED,
    ROUTES_RESET,
    SILENCE_CREATED,
    SILENCE_EXPIRED,
    DELIVERY_REDRIVEN,
    TEST_ALERT_SENT
}
