package io.coverwatch.evaluation.coverage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's coverage trend: the whole estate, the last snapshot of each hour, summed by the database, so a week
 * stays 168 points at a thousand subscriptions (the per-subscription history is millions of points by then).
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class EstateHistoryTest {

    LocalTokenIssuer issuer;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-analyst", Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void eachHourIsItsLastSnapshotWithEverySubscriptionAndKindSummed() {
        Instant hour = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant early = hour.plus(5, ChronoUnit.MINUTES);
        Instant last = hour.plus(55, ChronoUnit.MINUTES);
        Instant next = hour.plus(60, ChronoUnit.MINUTES);
        QuarkusTransaction.requiringNew().run(() -> {
            snapshot(early, "prod", "VIRTUAL_MACHINE", 1, 2);
            snapshot(early, "dev", "VIRTUAL_MACHINE", 3, 4);
            snapshot(last, "prod", "VIRTUAL_MACHINE", 2, 2);
            snapshot(last, "dev", "VIRTUAL_MACHINE", 3, 4);
            snapshot(last, "dev", "KEY_VAULT", 1, 1);
            snapshot(next, "prod", "VIRTUAL_MACHINE", 0, 2);
        });

        given().get("/api/coverage/history/estate?days=7")
                .then()
                .statusCode(200)
                .body("takenAt", hasItems(last.toString(), next.toString()))
                .body("takenAt", not(hasItems(early.toString())))
                .body("find { it.takenAt == '" + last + "' }.covered", equalTo(6))
                .body("find { it.takenAt == '" + last + "' }.total", equalTo(7))
                .body("find { it.takenAt == '" + next + "' }.covered", equalTo(0));
        given().get("/api/coverage/history/estate?days=0").then().statusCode(400);
    }

    private static void snapshot(Instant at, String subscription, String kind, long covered, long total) {
        Panache.getEntityManager()
                .createNativeQuery("insert into coverage_snapshot (taken_at, subscription_id, kind, covered, total)"
                        + " values (:at, :subscription, :kind, :covered, :total)")
                .setParameter("at", Timestamp.from(at))
                .setParameter("subscription", subscription)
                .setParameter("kind", kind)
                .setParameter("covered", covered)
                .setParameter("total", total)
                .executeUpdate();
    }
}
