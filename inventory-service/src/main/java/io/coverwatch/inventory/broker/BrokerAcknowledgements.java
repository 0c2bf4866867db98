package io.coverwatch.inventory.broker;

import io.coverwatch.availability.Outages;
import io.coverwatch.availability.Unavailable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RetriableException;

/**
 * The broker's answers for one batch of records: every record of the batch reports to this one callback, and the
 * caller waits until all were acknowledged or the first was refused.
 */
final class BrokerAcknowledgements implements Callback {

    private final AtomicInteger pending;
    private final CompletableFuture<Void> all = new CompletableFuture<>();

    BrokerAcknowledgements(int records) {
        this.pending = new AtomicInteger(records);
    }

    @Override
    public void onCompletion(RecordMetadata metadata, Exception failure) {
        if (failure != null) {
            all.completeExceptionally(failure);
        } else if (pending.decrementAndGet() == 0) {
            all.complete(null);
        }
    }

    /**
     * Returns once the broker acknowledged every record.
     *
     * @throws Unavailable when the broker did not answer in time or was away (a timeout, a lost connection: sending
     *     again later may work)
     * @throws IllegalStateException when it refused a record for good
     */
    void await(Duration timeout) {
        try {
            all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            String message =
                    "The broker did not take the records: " + e.getCause().getMessage();
            if (e.getCause() instanceof RetriableException) {
                throw new Unavailable(Outages.BROKER, message, e.getCause());
            }
            throw new IllegalStateException(message, e);
        } catch (TimeoutException e) {
            throw new Unavailable(Outages.BROKER, "The broker did not acknowledge the records within " + timeout, e);
        }
    }
}
