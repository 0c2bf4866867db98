package io.coverwatch.notification.audit;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The changes the API makes, as the audit trail names them. */
@Schema(description = "The change the API made, as the audit trail names it.")
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
