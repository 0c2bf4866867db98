package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code properties.status.code} of a Defender for Cloud assessment. */
public enum AssessmentStatus {
    @JsonProperty("Healthy")
    HEALTHY,
    @JsonProperty("Unhealthy")
    UNHEALTHY,
    @JsonProperty("NotApplicable")
    NOT_APPLICABLE
}
