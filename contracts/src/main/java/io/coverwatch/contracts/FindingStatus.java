package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a finding stands. An excluded finding stays visible with its reason; it is never dropped. */
@Schema(
        description =
                "Where a finding stands: open, resolved, or excluded (an Azure Local exclusion or an exemption; it stays visible with its reason).")
public enum FindingStatus {
    @JsonProperty("open")
    OPEN,
    @JsonProperty("resolved")
    RESOLVED,
    @JsonProperty("excluded")
    EXCLUDED;
}
