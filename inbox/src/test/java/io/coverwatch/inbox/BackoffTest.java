package io.coverwatch.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void pausesDoubleUpToTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

        assertEquals(
                Stream.of(100, 200, 400, 800, 1000, 1000)
                        .map(Duration::ofMillis)
                        .toList(),
                Stream.generate(backoff::next).limit(6).toList());
    }
}
