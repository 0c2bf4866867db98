package io.coverwatch.evaluation.messaging;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.DefenderSecureScore;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.signal.DefenderAssessmentStore;
import io.coverwatch.evaluation.signal.DefenderSecureScoreStore;
import io.coverwatch.evaluation.signal.SecurityActivityStore;
import io.coverwatch.evaluation.verdict.EstateChanges;
import io.coverwatch.inbox.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/**
 * Handles one Defender recommendation, security signal or Defender secure score in one transaction, at most once per CloudEvent ID, and
 * re-evaluates the resource only when what it says can change a verdict.
 */
@ApplicationScoped
public class SecurityEventHandler {

    private final ProcessedEvents processed;
    private final DefenderAssessmentStore assessments;
    private final SecurityActivityStore signals;
    private final DefenderSecureScoreStore scores;
    private final EstateChanges estate;
    private final EvaluationConfig config;
    private final Clock clock;

    SecurityEventHandler(
            ProcessedEvents processed,
            DefenderAssessmentStore assessments,
            SecurityActivityStore signals,
            DefenderSecureScoreStore scores,
            EstateChanges estate,
            EvaluationConfig config,
            Clock clock) {
        this.processed = processed;
        this.assessments = assessments;
        this.signals = signals;
        this.scores = scores;
        this.estate = estate;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (!processed.firstDelivery(event.id())) {
            return;
        }
        // Through the estate, which takes the machine's heartbeat row before its evaluation lock, as the sweep does:
        // taken the other way round, an evaluation here and the sweep could each wait for the other.
        if (event.data() instanceof DefenderAssessment assessment && assessments.record(assessment)) {
            estate.reevaluate(List.of(AzureResource.normalizeId(assessment.resourceId())), clock.instant());
        } else if (event.data() instanceof SecuritySignal signal && signals.record(signal, config.signalWindow())) {
            estate.reevaluate(List.of(AzureResource.normalizeId(signal.resourceId())), clock.instant());
        } else if (event.data() instanceof DefenderSecureScore score) {
            scores.record(score); // shown beside Coverwatch's own score; it decides no verdict
        }
    }
}
