package io.coverwatch.contracts;

/** A change in a finding's life. Keyed by finding ID so one finding's events stay in order. */
public sealed interface FindingEvent extends CoverwatchEvent permits FindingOpened, FindingChanged, FindingResolved {

    Finding finding();

    @Override
    default String partitionKey() {
        return finding().findingId();
    }

    @Override
    default String subject() {
        return finding().resourceId();
    }
}
