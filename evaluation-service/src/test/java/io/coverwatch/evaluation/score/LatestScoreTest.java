package io.coverwatch.evaluation.score;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.evaluation.EstateRows;
import io.coverwatch.evaluation.estate.EstateRevision;
import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.RuleCatalog;
import io.coverwatch.localinfra.LocalInfraTestResource;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.security.Roles;
import io.coverwatch.security.testing.SignedIn;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The score is reckoned again when what it counts changed, not on a timer: a reckoning reads every open finding and
 * assessment, and one every second whatever happened took the database from the console's own queries at a million
 * resources. A change this instance commits is in the score within a second or two; a change rolled back is none.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class LatestScoreTest {

    private static final String SUBSCRIPTION_ID = "66666666-6666-6666-6666-666666666666";

    LocalTokenIssuer issuer;

    @Inject
    EstateRevision revision;

    @Inject
    ScoreReports reports;

    @BeforeEach
    void signIn() {
        SignedIn.as(issuer, "soc-analyst", Roles.READER);
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    @Test
    void whileNothingChangesReadersAreServedTheSameReckoning() throws InterruptedException {
        // Other tests' work may still be settling in this application: judge the first spell of six seconds (six
        // refresh intervals, and a look at the database's count of writes) in which nobody wrote what the score counts,
        // read every half second as an open overview would.
        for (int attempt = 0; attempt < 10; attempt++) {
            // A change of this instance's own (nothing written), so that the next reckoning begins after both counts
            // below were read: one begun before may miss a change, and is followed by another, as it should be.
            QuarkusTransaction.requiringNew().run(revision::changed);
            long before = revision.current();
            long writes = writes();
            Instant asked = Instant.now();
            await().atMost(Duration.ofSeconds(5)).until(() -> reckonedAt().isAfter(asked));
            Instant first = reckonedAt();
            for (int i = 0; i < 12; i++) {
                Thread.sleep(500);
                reckonedAt();
            }
            Instant last = reckonedAt();
            if (revision.current() == before && writes() == writes) {
                assertEquals(first, last, "nothing changed, yet the score was reckoned again");
                return;
            }
        }
        throw new AssertionError("No quiet spell of six seconds in ten tries");
    }

    @Test
    void aCommittedChangeIsInTheScoreWithinTheRefreshInterval() {
        reckonedAt();
        QuarkusTransaction.requiringNew().run(() -> {
            EstateRows rows = new EstateRows(SUBSCRIPTION_ID);
            rows.finding(RuleCatalog.AMA_DOWN.id(), rows.machine("vm-silent"), FindingStatus.OPEN);
            rows.machine("vm-healthy");
            revision.changed();
        });
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().get("/api/score?subscription=" + SUBSCRIPTION_ID)
                        .then()
                        .statusCode(200)
                        .body(control(Control.MONITOR_MACHINES) + ".healthy", equalTo(1))
                        .body(control(Control.MONITOR_MACHINES) + ".unhealthy", equalTo(1)));
    }

    @Test
    void theRevisionMovesWhenAChangeCommitsAndNotWhenItRollsBack() {
        long before = revision.current();
        QuarkusTransaction.requiringNew().run(revision::changed);
        assertTrue(revision.current() > before, "a committed change did not move the revision");
        // Other tests' work may commit meanwhile: a rolled-back change moving it would move it every time.
        boolean stayed = false;
        for (int attempt = 0; attempt < 10 && !stayed; attempt++) {
            long committed = revision.current();
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    revision.changed();
                    throw new IllegalStateException("rolled back");
                });
            } catch (IllegalStateException expected) {
                // the transaction rolled back
            }
            stayed = revision.current() == committed;
        }
        assertTrue(stayed, "a rolled-back change moved the revision");
    }

    private long writes() {
        return QuarkusTransaction.requiringNew().call(reports::writes);
    }

    private static Instant reckonedAt() {
        return Instant.parse(given().get("/api/score?controls=false")
                .then()
                .statusCode(200)
                .extract()
                .path("reckonedAt"));
    }

    private static String control(Control control) {
        return "subscriptions.'" + SUBSCRIPTION_ID + "'.controls.find { it.control == '" + control.name() + "' }";
    }
}
