package io.coverwatch.evaluation.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Coverage history is kept a year and a day (the API shows at most 366 days back); older snapshots go in batches. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class CoverageHistoryRetentionTest {

    private static final Duration RETENTION = Duration.ofDays(366);

    @Inject
    CoverageHistory history;

    @Test
    void snapshotsOlderThanTheRetentionAreDeletedInBatches() {
        String devSubscription = UUID.randomUUID().toString();
        Instant now = Instant.parse("2027-11-23T08:00:00Z");
        // Five-minute snapshots of two kinds for 50 hours, three days past the retention: 1,200 rows, over a batch.
        record(devSubscription, now.minus(RETENTION).minus(Duration.ofDays(3)), 600);
        record(devSubscription, now.minus(RETENTION).plus(Duration.ofMinutes(5)), 3);

        history.prune(now.minus(Duration.ofDays(4)));
        assertEquals(1206, count(devSubscription), "four days earlier, every snapshot was within the retention");

        history.prune(now);
        assertEquals(6, count(devSubscription), "the last day's snapshots of two kinds, kept");
    }

    private static void record(String subscription, Instant from, int snapshots) {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("insert into coverage_snapshot (taken_at, subscription_id, kind, covered, total)"
                        + " select cast(:from as timestamptz) + n * interval '5 minutes', :subscription, kind, 3, 4"
                        + " from generate_series(0, :last) as n, (values ('SERVERS'), ('AGENTS')) as kinds (kind)")
                .setParameter("from", Timestamp.from(from))
                .setParameter("subscription", subscription)
                .setParameter("last", snapshots - 1)
                .executeUpdate());
    }

    private static long count(String subscription) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) Panache.getEntityManager()
                        .createNativeQuery(
                                "select count(*) from coverage_snapshot where subscription_id = :subscription")
                        .setParameter("subscription", subscription)
                        .getSingleResult())
                .longValue());
    }
}
