package io.coverwatch.contracts;

/**
 * The payload of every Coverwatch CloudEvent. Sealed so the set of event types is closed and each has
 * exactly one entry in {@link EventType}.
 */
public sealed interface CoverwatchEvent permits ResourceUpserted, ResourceKeyed, FindingEvent, RemediationEvent {

    /** The Kafka record key: the lower-cased resource ID, or the finding ID for findings and remediations. */
    String partitionKey();

    /** The CloudEvents {@code subject}: the Azure resource ID the event is about. */
    String subject();

    default EventType eventType() {
        return EventType.of(getClass());
    }
}
