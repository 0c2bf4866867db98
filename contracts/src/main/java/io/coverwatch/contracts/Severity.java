package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Finding severity, as Defender for Cloud names it. */
@Schema(description = "Finding severity, as Defender for Cloud names it: High, Medium or Low.")
public enum Severity {
    @JsonProperty("High")
    HIGH,
    @JsonProperty("Medium")
    MEDIUM,
    @JsonProperty("Low")
    LOW;
}
