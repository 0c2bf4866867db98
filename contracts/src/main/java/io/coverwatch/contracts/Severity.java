package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Finding severity, as Defender for Cloud names it. */
public enum Severity {
    @JsonProperty("High")
    HIGH,
    @JsonProperty("Medium")
    MEDIUM,
    @JsonProperty("Low")
    LOW
}
