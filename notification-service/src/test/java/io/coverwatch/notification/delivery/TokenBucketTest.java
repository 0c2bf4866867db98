package io.coverwatch.notification.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

    @Test
    void slackGetsOneMessagePerSecondEvenlySpaced() {
        TokenBucket slack = new TokenBucket(1, NOW);
        assertTrue(slack.tryTake(NOW));
        assertEquals(Duration.ofMillis(500), slack.untilToken(NOW.plusMillis(500)));
        assertFalse(slack.tryTake(NOW.plusMillis(999)));
        assertTrue(slack.tryTake(NOW.plusSeconds(1)));
    }

    @Test
    void teamsGetsFourPerSecondAndNeverABurstAboveOne() {
        TokenBucket teams = new TokenBucket(4, NOW);
        int sent = 0;
        for (int millis = 0; millis < 1000; millis += 10) {
            if (teams.tryTake(NOW.plusMillis(millis))) {
                sent++;
            }
        }
        assertEquals(4, sent);
        TokenBucket idle = new TokenBucket(4, NOW);
        assertTrue(idle.tryTake(NOW.plusSeconds(60)));
        assertFalse(idle.tryTake(NOW.plusSeconds(60)), "a long idle time saves up no burst");
    }
}
