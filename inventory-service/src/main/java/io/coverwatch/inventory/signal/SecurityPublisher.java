package io.coverwatch.inventory.signal;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.inventory.broker.DirectPublisher;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes Defender assessments and security signals on {@code coverwatch.inventory.security}, keyed by resource, the
 * way heartbeats go: batched, and acknowledged by the broker before the caller returns ({@link DirectPublisher}).
 */
@ApplicationScoped
public class SecurityPublisher {

    private final DirectPublisher direct;
    private final InventoryConfig config;

    SecurityPublisher(DirectPublisher direct, InventoryConfig config) {
        this.direct = direct;
        this.config = config;
    }

    /**
     * Sends both lists in one batch and waits for the broker's acknowledgement of all of them.
     *
     * @param origin where they came from: event-hubs or demo
     */
    public void publish(List<DefenderAssessment> assessments, List<SecuritySignal> signals, String origin) {
        publish(assessments, List.of(), signals, origin);
    }

    /**
     * Sends the three lists in one batch and waits for the broker's acknowledgement of all of them.
     *
     * @param origin where they came from: event-hubs, azure-rm, api or demo
     */
    public void publish(
            List<DefenderAssessment> assessments,
            List<DefenderSecureScore> secureScores,
            List<SecuritySignal> signals,
            String origin) {
        String source = config.eventSource() + "/" + origin;
        List<CloudEvent<?>> events = new ArrayList<>(assessments.size() + secureScores.size() + signals.size());
        assessments.forEach(assessment ->
                events.add(new CloudEvent<>(idOf(assessment), source, assessment.observedAt(), assessment)));
        secureScores.forEach(score -> events.add(new CloudEvent<>(idOf(score), source, score.observedAt(), score)));
        signals.forEach(signal -> events.add(new CloudEvent<>(idOf(signal), source, signal.observedAt(), signal)));
        direct.publish(events, config.security().sendTimeout(), "Defender assessments and security signals");
    }

    /** One recommendation on one resource in one state as of one time: a snapshot re-sending it is a new fact. */
    static String idOf(DefenderAssessment assessment) {
        return uuid(AzureResource.normalizeId(assessment.resourceId()) + "|" + assessment.assessmentKey() + "|"
                + assessment.status() + "|" + assessment.observedAt());
    }

    /** One score of one subscription as read at one time: every read is a new fact, an export read twice is not. */
    static String idOf(DefenderSecureScore score) {
        return uuid(AzureResource.normalizeId(score.resourceId()) + "|" + score.scoreId() + "|" + score.observedAt());
    }

    /** A signal is its own stable ID (the alert's, or the hash of the event row), within its kind. */
    static String idOf(SecuritySignal signal) {
        return uuid(signal.kind() + "|" + signal.signalId());
    }

    private static String uuid(String identity) {
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
