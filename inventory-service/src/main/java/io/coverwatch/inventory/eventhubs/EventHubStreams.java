package io.coverwatch.inventory.eventhubs;

import com.azure.messaging.eventhubs.EventData;
import com.azure.messaging.eventhubs.EventProcessorClient;
import com.azure.messaging.eventhubs.EventProcessorClientBuilder;
import io.coverwatch.inventory.azure.AzureClients;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.LinkedHashMap;
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
        handlers()
                .forEach((name, handler) -> processors.add(new EventProcessorClientBuilder()
                        .fullyQualifiedNamespace(namespace)
                        .eventHubName(name)
                        .consumerGroup(config.consumerGroup())
                        .credential(azure.credential())
                        .checkpointStore(checkpoints)
                        .processEvent(context -> {
                            handler.accept(name, context.getEventData());
                            context.updateCheckpoint();
                        })
                        .processError(error -> LOG.warnf(
                                "Event Hub %s partition %s: %s",
                                name,
                                error.getPartitionContext().getPartitionId(),
                                error.getThrowable().getMessage()))
                        .buildEventProcessorClient()));
        processors.forEach(EventProcessorClient::start);
        LOG.infof("Reading %d Event Hub(s) in %s", processors.size(), namespace);
    }

    /** What to do with an event of each configured hub; one processor per hub, whatever it carries. */
    private Map<String, BiConsumer<String, EventData>> handlers() {
        Map<String, BiConsumer<String, EventData>> handlers = new LinkedHashMap<>();
        ExportedTable.byHub(Map.of(
                        ExportedTable.HEARTBEAT, config.heartbeatHub(),
                        ExportedTable.SECURITY_EVENT, config.securityEventHub()))
                .forEach((hub, tables) -> handlers.put(
                        hub, (name, event) -> records.workspaceExport(name, event.getBodyAsString(), tables)));
        add(
                handlers,
                config.defenderHub(),
                (name, event) -> records.continuousExport(name, event.getBodyAsString(), event.getEnqueuedTime()));
        add(handlers, config.activityLogHub(), (name, event) -> records.activityLog(name, event.getBodyAsString()));
        return handlers;
    }

    private static void add(
            Map<String, BiConsumer<String, EventData>> handlers,
            Optional<String> hub,
            BiConsumer<String, EventData> handler) {
        hub.ifPresent(name -> {
            if (handlers.putIfAbsent(name, handler) != null) {
                throw new IllegalStateException("Event Hub " + name + " is configured for two different streams");
            }
        });
    }
}
