package io.coverwatch.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * Defender for Cloud's own secure score of one subscription ({@code Microsoft.Security/secureScores}, the overall
 * {@code ascScore}), as Azure reports it. Coverwatch computes a score of its own from its findings; this one is
 * Defender's, so the two can be told apart and compared.
 *
 * @param resourceId   the subscription's ARM ID ({@code /subscriptions/<id>})
 * @param scoreId      the secure score's ARM ID
 * @param displayName  the score's name, for example {@code ASC score}
 * @param currentScore {@code properties.score.current}
 * @param maxScore     {@code properties.score.max}
 * @param percentage   {@code properties.score.percentage}, between 0 and 1
 * @param weight       {@code properties.weight}: the subscription's weight when scores are aggregated; null when absent
 * @param observedAt   when inventory read it (Azure stamps no time on a score)
 */
public record DefenderSecureScore(
        String resourceId,
        String scoreId,
        String displayName,
        double currentScore,
        int maxScore,
        double percentage,
        Long weight,
        Instant observedAt)
        implements ResourceKeyed {

    public DefenderSecureScore {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
