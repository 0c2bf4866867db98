package io.coverwatch.inventory.messaging;

import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Sends events that carry no state inventory must keep (heartbeats, Defender assessments, security signals) straight
 * to the broker instead of through the outbox: the caller returns only once the broker has acknowledged every event,
 * so nothing accepted is lost. They share the batching {@code heartbeats} channel; each record names its own topic.
 */
@ApplicationScoped
public class DirectPublisher {

    private final MutinyEmitter<byte[]> emitter;

    DirectPublisher(
            @Channel("heartbeats") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /**
     * Sends the events and waits for the broker's acknowledgement of all of them.
     *
     * @param what names the events in the error when the broker does not take them
     * @throws IllegalStateException when the broker refused one or did not answer within the timeout
     */
    public void publish(List<? extends CloudEvent<?>> events, Duration timeout, String what) {
        if (events.isEmpty()) {
            return;
        }
        AtomicInteger pending = new AtomicInteger(events.size());
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        for (CloudEvent<?> event : events) {
            Message<byte[]> message = KafkaMessages.of(CloudEventCodec.encode(event))
                    .withAck(() -> {
                        if (pending.decrementAndGet() == 0) {
                            acknowledged.complete(null);
                        }
                        return CompletableFuture.completedFuture(null);
                    })
                    .withNack(failure -> {
                        acknowledged.completeExceptionally(failure);
                        return CompletableFuture.completedFuture(null);
                    });
            emitter.sendMessageAndForget(message);
        }
        try {
            acknowledged.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The broker did not take the " + what + ": " + e.getMessage(), e);
        }
    }
}
