package io.coverwatch.evaluation.messaging;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The CloudEvent IDs already handled, so a re-delivered event changes nothing (consumers are at-least-once). */
@ApplicationScoped
public class ProcessedEvents {

    /** Records the ID in the caller's transaction; false when it was already there. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String eventId) {
        return Panache.getEntityManager()
                        .createNativeQuery("insert into processed_event (event_id, processed_at) values (:id, now())"
                                + " on conflict (event_id) do nothing")
                        .setParameter("id", eventId)
                        .executeUpdate()
                == 1;
    }
}
