package io.coverwatch.contracts;

import java.util.Objects;

/** An open finding changed (severity, diagnosis step, exclusion). */
public record FindingChanged(Finding finding) implements FindingEvent {

    public FindingChanged {
        Objects.requireNonNull(finding, "finding");
    }
}
