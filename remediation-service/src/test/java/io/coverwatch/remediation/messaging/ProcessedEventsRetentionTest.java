package io.coverwatch.remediation.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.inbox.ProcessedEvents;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Handled event IDs are kept 8 days, longer than a topic keeps its records (7 days), then deleted in batches; an ID
 * still kept makes a re-delivered event change nothing.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ProcessedEventsRetentionTest {

    @Inject
    ProcessedEvents processed;

    @Test
    void anEventIdIsForgottenOnlyAfterTheRetention() {
        String opened = "opened-" + UUID.randomUUID();
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery(opened)));
        Instant handledAt = handledAt(opened);
        // More than two batches of 1,000 handled a day later.
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("insert into processed_event (event_id, processed_at)"
                        + " select 'bulk-' || gen_random_uuid(), :at from generate_series(1, 2300)")
                .setParameter("at", handledAt.plus(Duration.ofDays(1)))
                .executeUpdate());

        processed.prune(handledAt.plus(Duration.ofDays(7)));
        assertFalse(
                QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery(opened)),
                "a week on, the topic may still hold the event: its ID is kept");

        processed.prune(handledAt.plus(Duration.ofDays(8)).plusSeconds(1));
        assertEquals(0, count(opened), "eight days on, no topic holds it anymore");
        assertEquals(2300, count("bulk-%"), "those handled a day later are kept a day longer");
        assertTrue(processed.prune(handledAt.plus(Duration.ofDays(9)).plusSeconds(1)) >= 2300);
        assertEquals(0, count("bulk-%"));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> processed.firstDelivery(opened)));
    }

    private static Instant handledAt(String eventId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object at = Panache.getEntityManager()
                    .createNativeQuery("select processed_at from processed_event where event_id = :id")
                    .setParameter("id", eventId)
                    .getSingleResult();
            return at instanceof java.time.OffsetDateTime offset
                    ? offset.toInstant()
                    : at instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) at;
        });
    }

    private static long count(String pattern) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery("select count(*) from processed_event where event_id like :pattern")
                        .setParameter("pattern", pattern)
                        .getSingleResult())
                .longValue());
    }
}
