package io.coverwatch.contracts;

import java.time.Instant;
import java.util.Objects;

/**
 * A Defender for Cloud recommendation on one resource ({@code Microsoft.Security/assessments}), as continuous
 * export streams it whenever the resource's health changes. Evaluation raises an unhealthy one as a finding and
 * applies the Azure Local exclusions to it by its display name.
 *
 * @param assessmentId   the assessment's ARM ID (the resource ID followed by {@code /providers/Microsoft.Security/assessments/<key>})
 * @param assessmentKey  the assessment key: a GUID naming the recommendation, the same on every resource
 * @param displayName    the recommendation's title, for example {@code Storage accounts should prevent shared key access}
 * @param resourceId     the assessed resource ({@code properties.resourceDetails.id})
 * @param severity       {@code properties.metadata.severity}; null when the export does not carry the metadata
 * @param cause          why, when Defender says (for example {@code OffByPolicy}); null otherwise
 * @param portalLink     the recommendation in the Azure portal; null when not exported
 * @param observedAt     when Defender reported this state (the export time when it carries none)
 */
public record DefenderAssessment(
        String assessmentId,
        String assessmentKey,
        String displayName,
        String resourceId,
        AssessmentStatus status,
        Severity severity,
        String cause,
        String remediationDescription,
        String portalLink,
        Instant observedAt)
        implements ResourceKeyed {

    public DefenderAssessment {
        Objects.requireNonNull(assessmentKey, "assessmentKey");
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}
