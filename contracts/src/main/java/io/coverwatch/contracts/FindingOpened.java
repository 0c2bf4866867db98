package io.coverwatch.contracts;

import java.util.Objects;

/** A rule failed for a resource that had no open finding for it. */
public record FindingOpened(Finding finding) implements FindingEvent {

    public FindingOpened {
        Objects.requireNonNull(finding, "finding");
    }
}
