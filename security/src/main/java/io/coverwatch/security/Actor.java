package io.coverwatch.security;

import java.util.Objects;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Who made a change, as their token names them: the subject ({@code sub}, stable for one user or app) and the display
 * name ({@code name}; null for an app, whose token has none). Audit fields keep both: the subject to be sure, the name
 * to be read.
 */
@Schema(description = "Who made a change, as their token names them.")
public record Actor(
        @Schema(description = "The token's subject (sub): stable for one user or app.") String subject,
        @Schema(description = "The token's display name (name); null for an app.") String name) {

    public Actor {
        Objects.requireNonNull(subject, "subject");
    }

    /** The name when the token has one, else the subject. */
    public String displayName() {
        return name == null || name.isBlank() ? subject : name;
    }
}
