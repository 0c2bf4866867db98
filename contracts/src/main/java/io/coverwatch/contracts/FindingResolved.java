package io.coverwatch.contracts;

import java.util.Objects;

/** The rule passes again; the finding is closed. */
public record FindingResolved(Finding finding) implements FindingEvent {

    public FindingResolved {
        Objects.requireNonNull(finding, "finding");
    }
}
