package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
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

    /** Reads the wire form ({@code High}) as well as the constant's name; JAX-RS uses it for query parameters. */
    public static Severity fromString(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
