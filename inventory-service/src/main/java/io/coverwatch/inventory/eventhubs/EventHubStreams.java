package io.coverwatch.inventory.eventhubs;

import com.azure.messaging.eventhubs.EventProcessorClient;
import com.azure.messaging.eventhubs.EventProcessorClientBuilder;
import io.coverwatch.inventory.azure.AzureClients;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.jboss.logging.Logger;

/**
 * One Event Hubs processor per configured hub, checkpointing in PostgreSQL after each event is handled. Several
 * inventory instances share the partitions through the ownership the checkpoint store keeps.
 */
@ApplicationScoped
class EventHubStreams {

    private static final Logger LOG = Logger.getLogger(EventHubStreams.class);

    private final EventHubsConfig config;
    private final EventHubRecords records;
    private final PostgresCheckpointStore checkpoints;
    private final AzureClients azure;
    private final List<EventProcessorClient> processors = new CopyOnWriteArrayList<>();

    EventHubStreams(
            EventHubsConfig config, EventHubRecords records, PostgresCheckpointStore checkpoints, AzureClients azure) {
        this.config = config;
        this.records = records;
        this.checkpoints = checkpoints;
        this.azure = azure;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        String namespace = config.namespace()
                .orElseThrow(() -> new IllegalStateException(
                        "coverwatch.inventory.eventhubs.namespace is required when Event Hubs are enabled"));
        List<Map.Entry<Optional<String>, BiConsumer<String, String>>> handlers = List.of(
                Map.entry(config.heartbeatHub(), records::heartbeats),
                Map.entry(config.activityLogHub(), records::activityLog));
        handlers.forEach(entry -> entry.getKey()
                .ifPresent(name -> processors.add(new EventProcessorClientBuilder()
                        .fullyQualifiedNamespace(namespace)
                        .eventHubName(name)
                        .consumerGroup(config.consumerGroup())
                        .credential(azure.credential())
                        .checkpointStore(checkpoints)
                        .processEvent(context -> {
                            entry.getValue().accept(name, context.getEventData().getBodyAsString());
                            context.updateCheckpoint();
                        })
                        .processError(error -> LOG.warnf(
                                "Event Hub %s partition %s: %s",
                                name,
                                error.getPartitionContext().getPartitionId(),
                                error.getThrowable().getMessage()))
                        .buildEventProcessorClient())));
        processors.forEach(EventProcessorClient::start);
        LOG.infof("Reading %d Event Hub(s) in %s", processors.size(), namespace);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        processors.forEach(EventProcessorClient::stop);
    }
}
