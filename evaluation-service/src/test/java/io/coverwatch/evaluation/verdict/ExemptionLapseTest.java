package io.coverwatch.evaluation.verdict;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two instances looking for lapsed exemptions at once: one looks, the other skips; the next look goes on from it. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class ExemptionLapseTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Inject
    ExemptionLapse lapse;

    private Instant markBefore;

    @BeforeEach
    void rememberTheMark() {
        markBefore = mark();
    }

    @AfterEach
    void restoreTheMark() {
        QuarkusTransaction.requiringNew().run(() -> Panache.getEntityManager()
                .createNativeQuery("update exemption_lapse_progress set looked_up_to = :at")
                .setParameter("at", markBefore)
                .executeUpdate());
    }

    @Test
    void whileOneInstanceLooksAtTheLapsesASecondOneSkipsThemAndTheNextLookStartsWhereTheFirstEnded() throws Exception {
        // Past the real clock, so the scheduled look of this test instance leaves the mark alone meanwhile.
        Instant firstLook = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);
        CountDownLatch looking = new CountDownLatch(1);
        CountDownLatch secondTried = new CountDownLatch(1);
        CompletableFuture<Optional<Instant>> first = CompletableFuture.supplyAsync(
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    Optional<Instant> since = lapse.reevaluateLapsed(firstLook);
                    looking.countDown();
                    secondTried.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    return since;
                }));
        assertTrue(looking.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));

        Optional<Instant> second = QuarkusTransaction.requiringNew().call(() -> lapse.reevaluateLapsed(firstLook));
        secondTried.countDown();

        assertEquals(Optional.empty(), second, "the second instance skips what the first is looking at");
        assertEquals(Optional.of(markBefore), first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(
                Optional.of(firstLook),
                QuarkusTransaction.requiringNew().call(() -> lapse.reevaluateLapsed(firstLook.plusSeconds(60))),
                "a minute later, the look starts where the first one ended");
        assertEquals(
                Optional.empty(),
                QuarkusTransaction.requiringNew().call(() -> lapse.reevaluateLapsed(firstLook.plusSeconds(60))),
                "nothing is looked at twice");
    }

    private static Instant mark() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object at = Panache.getEntityManager()
                    .createNativeQuery("select looked_up_to from exemption_lapse_progress")
                    .getSingleResult();
            return at instanceof java.time.OffsetDateTime offset
                    ? offset.toInstant()
                    : at instanceof java.sql.Timestamp timestamp ? timestamp.toInstant() : (Instant) at;
        });
    }
}
