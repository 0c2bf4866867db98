package io.coverwatch.contracts;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The pricing tier of a Defender plan, spelt as the Azure API spells it. */
public enum PricingTier {
    @JsonProperty("Free")
    FREE,
    @JsonProperty("Standard")
    STANDARD
}
