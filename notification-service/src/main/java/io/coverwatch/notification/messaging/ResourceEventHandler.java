package io.coverwatch.notification.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.notification.subscription.SubscriptionNameStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Learns a subscription's display name from inventory's upsert of it, once per CloudEvent ID. Every other resource on
 * the topic is passed over without a write.
 */
@ApplicationScoped
public class ResourceEventHandler {

    private final ProcessedEvents processed;
    private final SubscriptionNameStore names;

    ResourceEventHandler(ProcessedEvents processed, SubscriptionNameStore names) {
        this.processed = processed;
        this.names = names;
    }

    @Transactional
    public void handle(CloudEvent<CoverwatchEvent> event) {
        if (event.data() instanceof ResourceUpserted upserted
                && upserted.resource().details() instanceof SubscriptionDetails subscription
                && processed.firstDelivery(event.id())) {
            names.learn(upserted.resource().subscriptionId(), subscription.displayName(), event.time());
        }
    }
}
