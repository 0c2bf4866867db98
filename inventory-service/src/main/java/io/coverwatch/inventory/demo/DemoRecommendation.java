package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AssessmentStatus;
import io.coverwatch.contracts.Severity;
import java.util.Objects;

/**
 * A Defender for Cloud recommendation on a demo resource, as the estate file states it.
 *
 * @param displayName the recommendation's title, for example {@code Storage accounts should prevent shared key access}
 * @param severity    null when the file gives none
 */
public record DemoRecommendation(String displayName, Severity severity, AssessmentStatus status) {

    public DemoRecommendation {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(status, "status");
    }
}
