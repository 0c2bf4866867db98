package io.coverwatch.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The CloudEvents {@code type} of each event record, and the topic it travels on. */
public enum EventType {
    RESOURCE_UPSERTED("coverwatch.inventory.resource.upserted", ResourceUpserted.class, Topics.RESOURCES),
    RESOURCE_DELETED("coverwatch.inventory.resource.deleted", ResourceDeleted.class, Topics.RESOURCES),
    AGENT_HEARTBEAT("coverwatch.inventory.heartbeat", AgentHeartbeat.class, Topics.HEARTBEATS),
    DEFENDER_ASSESSMENT("coverwatch.inventory.defender.assessment", DefenderAssessment.class, Topics.SECURITY),
    SECURITY_SIGNAL("coverwatch.inventory.security.signal", SecuritySignal.class, Topics.SECURITY),
    DEFENDER_SECURE_SCORE("coverwatch.inventory.defender.secure-score", DefenderSecureScore.class, Topics.SECURITY),
    FINDING_OPENED("coverwatch.evaluation.finding.opened", FindingOpened.class, Topics.FINDINGS),
    FINDING_CHANGED("coverwatch.evaluation.finding.changed", FindingChanged.class, Topics.FINDINGS),
    FINDING_RESOLVED("coverwatch.evaluation.finding.resolved", FindingResolved.class, Topics.FINDINGS),
    REMEDIATION_PLANNED("coverwatch.remediation.planned", RemediationPlanned.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_AWAITING_APPROVAL(
            "coverwatch.remediation.awaiting-approval", RemediationAwaitingApproval.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_EXECUTED("coverwatch.remediation.executed", RemediationExecuted.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_VERIFIED("coverwatch.remediation.verified", RemediationVerified.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_FAILED("coverwatch.remediation.failed", RemediationFailed.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_ESCALATED("coverwatch.remediation.escalated", RemediationEscalated.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_APPROVED("coverwatch.remediation.approved", RemediationApproved.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_REJECTED("coverwatch.remediation.rejected", RemediationRejected.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_REFUSED("coverwatch.remediation.refused", RemediationRefused.class, Topics.REMEDIATION_EVENTS),
    REMEDIATION_CANCELLED("coverwatch.remediation.cancelled", RemediationCancelled.class, Topics.REMEDIATION_EVENTS);

    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::payloadClass, Function.identity()));

    private final String type;
    private final Class<? extends CoverwatchEvent> payloadClass;
    private final String topic;

    EventType(String type, Class<? extends CoverwatchEvent> payloadClass, String topic) {
        this.type = type;
        this.payloadClass = payloadClass;
        this.topic = topic;
    }

    public String type() {
        return type;
    }

    public Class<? extends CoverwatchEvent> payloadClass() {
        return payloadClass;
    }

    public String topic() {
        return topic;
    }

    /** The event type named by a {@code ce_type} header; empty for a type this version does not know. */
    public static Optional<EventType> fromType(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    static EventType of(Class<?> payloadClass) {
        EventType eventType = BY_CLASS.get(payloadClass);
        if (eventType == null) {
            throw new IllegalArgumentException("No event type for " + payloadClass.getName());
        }
        return eventType;
    }
}
