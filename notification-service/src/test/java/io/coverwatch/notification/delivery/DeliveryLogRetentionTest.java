package io.coverwatch.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The delivery log stays bounded: delivered messages past the retention (30 days) go, in batches; parked ones stay. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class DeliveryLogRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(30);

    @Inject
    DeliveryLogRetention retention;

    @Inject
    Clock clock;

    @Test
    void deliveredMessagesPastTheRetentionAreDeletedInBatchesAndParkedOnesStay() {
        Instant now = clock.instant();
        Instant sentInNovember = now.minus(RETENTION).minus(Duration.ofDays(1));
        UUID channel = retiredChannel(now);
        // More than two batches of 1,000, so the pruning goes on after a full batch.
        store(channel, "DELIVERED", 2_300, sentInNovember);
        store(channel, "DELIVERED", 3, now.minus(RETENTION).plus(Duration.ofHours(1)));
        store(channel, "PARKED", 2, sentInNovember);
        store(channel, "PENDING", 1, sentInNovember);

        assertEquals(0, retention.prune(sentInNovember.plus(RETENTION)), "nothing older than 30 days then");
        retention.prune(now);

        assertEquals(List.of("DELIVERED 3", "PARKED 2", "PENDING 1"), countsByStatus(channel));
    }

    /** A deleted channel: nothing sends its messages while the test looks at them. */
    private static UUID retiredChannel(Instant now) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("insert into channel (id, name, kind, url, rate_per_second, created_at, updated_at,"
                        + " deleted_at) values (:id, :name, 'WEBHOOK', 'https://hooks.example.com/retired', 1, :now,"
                        + " :now, :now)")
                .setParameter("id", id)
                .setParameter("name", "retired-" + id)
                .setParameter("now", now)
                .executeUpdate());
        return id;
    }

    private static void store(UUID channel, String status, int count, Instant createdAt) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("insert into delivery (delivery_key, channel_id, part, status, attempts, group_id,"
                        + " next_attempt_at, body, created_at) select :status || '-' || gen_random_uuid(), :channel, 0, :status, 1,"
                        + " md5('retention'),"
                        + " :nextAttempt, '{}', :createdAt from generate_series(1, :count) as n")
                .setParameter("status", status)
                .setParameter("channel", channel)
                .setParameter("nextAttempt", createdAt.plus(Duration.ofDays(3650)))
                .setParameter("createdAt", createdAt)
                .setParameter("count", count)
                .executeUpdate());
    }

    @SuppressWarnings("unchecked")
    private static List<String> countsByStatus(UUID channel) {
        return QuarkusTransaction.requiringNew().call(() -> ((List<Object[]>) Panache.getEntityManager()
                        .createNativeQuery("select status, count(*) from delivery where channel_id = :channel"
                                + " group by status order by status")
                        .setParameter("channel", channel)
                        .getResultList())
                .stream().map(row -> row[0] + " " + row[1]).toList());
    }
}
