package io.coverwatch.inventory.heartbeat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The broker's answers for one batch of records: every record's ack and nack go to this one object, and the caller
 * waits until all were acknowledged or the first was refused.
 */
final class BrokerAcknowledgements {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final AtomicInteger pending;
    private final CompletableFuture<Void> all = new CompletableFuture<>();

    BrokerAcknowledgements(int records) {
        this.pending = new AtomicInteger(records);
    }

    CompletionStage<Void> ack() {
        if (pending.decrementAndGet() == 0) {
            all.complete(null);
        }
        return DONE;
    }

    CompletionStage<Void> nack(Throwable failure) {
        all.completeExceptionally(failure);
        return DONE;
    }

    /** Returns once the broker acknowledged every record; throws when it refused one or did not answer in time. */
    void await(Duration timeout) {
        try {
            all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "The broker did not take the records: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The broker did not acknowledge the records within " + timeout, e);
        }
    }
}
