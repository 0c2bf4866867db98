package io.coverwatch.notification.routing.silence;

import static io.coverwatch.notification.routing.SeedNotices.devTest03AmaDown;
import static io.coverwatch.notification.routing.SeedNotices.devTest03NotMonitored;
import static io.coverwatch.notification.routing.SeedNotices.prodWeb01NotMonitored;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.notification.routing.InvalidRouting;
import io.coverwatch.notification.routing.Matcher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilencesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    /** dev-test-03 is being rebuilt this morning: its agent being down is expected. */
    private static final Silence DEV_TEST_03_REBUILD = new Silence(
            List.of(Matcher.parse("rule=CW-AGENT-AMA-DOWN"), Matcher.parse("tag:env=dev")),
            "alice@soc.example",
            "dev-test-03 is being rebuilt",
            NOW.minus(Duration.ofMinutes(10)),
            NOW.plus(Duration.ofHours(2)));

    @Test
    void anActiveSilenceMutesWhatAllItsMatchersMatch() {
        assertTrue(Silences.silenced(devTest03AmaDown(), List.of(DEV_TEST_03_REBUILD), NOW));
        assertFalse(Silences.silenced(devTest03NotMonitored(), List.of(DEV_TEST_03_REBUILD), NOW));
        assertFalse(Silences.silenced(prodWeb01NotMonitored(), List.of(DEV_TEST_03_REBUILD), NOW));
        assertFalse(Silences.silenced(devTest03AmaDown(), List.of(), NOW));
    }

    @Test
    void aSilenceMutesFromItsStartUntilItsExpiry() {
        List<Silence> silences = List.of(DEV_TEST_03_REBUILD);

        assertFalse(Silences.silenced(
                devTest03AmaDown(), silences, DEV_TEST_03_REBUILD.startsAt().minusMillis(1)));
        assertTrue(Silences.silenced(devTest03AmaDown(), silences, DEV_TEST_03_REBUILD.startsAt()));
        assertTrue(Silences.silenced(
                devTest03AmaDown(), silences, DEV_TEST_03_REBUILD.endsAt().minusMillis(1)));
        assertFalse(Silences.silenced(devTest03AmaDown(), silences, DEV_TEST_03_REBUILD.endsAt()));
    }

    @Test
    void aSilenceWhoseExpiryHasPassedCannotBeCreated() {
        assertDoesNotThrow(() -> Silences.validate(DEV_TEST_03_REBUILD, NOW));
        InvalidRouting expired = assertThrows(
                InvalidRouting.class, () -> Silences.validate(DEV_TEST_03_REBUILD, DEV_TEST_03_REBUILD.endsAt()));
        assertTrue(expired.getMessage().contains("in the past"), expired.getMessage());
    }

    @Test
    void aSilenceNeedsMatchersThatDoNotMatchEverything() {
        assertThrows(InvalidRouting.class, () -> silence(List.of()));
        assertThrows(InvalidRouting.class, () -> silence(List.of(Matcher.parse("tag:owner=~.*"))));
        assertThrows(InvalidRouting.class, () -> silence(List.of(Matcher.parse("rule!=CW-DEF-SERVERS"))));
        assertDoesNotThrow(() -> silence(List.of(Matcher.parse("rule!=CW-DEF-SERVERS"), Matcher.parse("tag:env=dev"))));
    }

    @Test
    void aSilenceOnAnUnknownLabelIsInvalidRouting() {
        assertThrows(InvalidRouting.class, () -> silence(List.of(Matcher.parse("vmName=dev-test-03"))));
    }

    @Test
    void aSilenceNeedsItsCreatorAReasonAndAnExpiryAfterItsStart() {
        List<Matcher> matchers = List.of(Matcher.parse("rule=CW-AGENT-AMA-DOWN"));
        assertThrows(InvalidRouting.class, () -> new Silence(matchers, " ", "rebuild", NOW, NOW.plusSeconds(60)));
        assertThrows(InvalidRouting.class, () -> new Silence(matchers, "alice", null, NOW, NOW.plusSeconds(60)));
        assertThrows(InvalidRouting.class, () -> new Silence(matchers, "alice", "rebuild", NOW, NOW));
        assertThrows(InvalidRouting.class, () -> new Silence(matchers, "alice", "rebuild", NOW, null));
    }

    private static Silence silence(List<Matcher> matchers) {
        return new Silence(matchers, "alice@soc.example", "maintenance", NOW, NOW.plus(Duration.ofHours(1)));
    }
}
