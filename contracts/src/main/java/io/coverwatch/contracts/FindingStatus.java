package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a finding stands. An excluded finding stays visible with its reason; it is never dropped. */
public enum FindingStatus {
    @JsonProperty("open")
    OPEN,
    @JsonProperty("resolved")
    RESOLVED,
    @JsonProperty("excluded")
    EXCLUDED
}
