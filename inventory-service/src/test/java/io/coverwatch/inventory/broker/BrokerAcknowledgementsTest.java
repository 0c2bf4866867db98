package io.coverwatch.inventory.broker;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.coverwatch.availability.Unavailable;
import java.time.Duration;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class BrokerAcknowledgementsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);

    @Test
    void aBatchIsDoneOnlyWhenTheBrokerAcknowledgedEveryRecord() {
        BrokerAcknowledgements acknowledgements = new BrokerAcknowledgements(2);
        acknowledgements.onCompletion(null, null);

        // A record the broker has not answered for within the timeout: it is away, the client tries again later.
        assertThrows(Unavailable.class, () -> acknowledgements.await(TIMEOUT), "one record still pending");

        acknowledgements.onCompletion(null, null);
        assertDoesNotThrow(() -> acknowledgements.await(TIMEOUT));
    }

    @Test
    void oneRecordTheBrokerCannotTakeNowFailsTheBatchAsUnavailable() {
        BrokerAcknowledgements acknowledgements = new BrokerAcknowledgements(3);
        acknowledgements.onCompletion(null, null);
        acknowledgements.onCompletion(null, new NotEnoughReplicasException("prod-db-01's partition has 1 of 3"));
        acknowledgements.onCompletion(null, null);

        Unavailable refused = assertThrows(Unavailable.class, () -> acknowledgements.await(TIMEOUT));
        assertTrue(refused.getMessage().contains("did not take"), refused.getMessage());
    }

    @Test
    void oneRecordTheBrokerRefusesForGoodFailsTheBatchAsAnError() {
        BrokerAcknowledgements acknowledgements = new BrokerAcknowledgements(2);
        acknowledgements.onCompletion(null, new RecordTooLargeException("prod-db-01's record is 2 MB"));
        acknowledgements.onCompletion(null, null);

        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> acknowledgements.await(TIMEOUT));
        assertTrue(refused.getMessage().contains("did not take"), refused.getMessage());
    }
}
