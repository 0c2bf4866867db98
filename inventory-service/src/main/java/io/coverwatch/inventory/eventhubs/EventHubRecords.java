package io.coverwatch.inventory.eventhubs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.coverwatch.contracts.Topics;
import io.coverwatch.inventory.InventoryConfig;
import io.coverwatch.inventory.azure.AzureRefresh;
import io.coverwatch.inventory.heartbeat.HeartbeatPublisher;
import io.coverwatch.inventory.heartbeat.HeartbeatRecords;
import io.coverwatch.inventory.resource.ResourceInventory;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * What inventory does with one Event Hubs event of each stream. A record it cannot read goes to
 * {@code coverwatch.inventory.eventhubs.dlq} with the reason, and the rest of the event goes on; each method returns
 * only once everything is on Kafka, so the processor checkpoints nothing that could be lost.
 */
@ApplicationScoped
public class EventHubRecords {

    static final String ORIGIN = "event-hubs";
    static final String EVENT_HUB_HEADER = "event-hub";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeartbeatPublisher heartbeats;
    private final ResourceInventory inventory;
    private final AzureRefresh azureRefresh;
    private final MutinyEmitter<byte[]> deadLetters;
    private final InventoryConfig.Heartbeats heartbeatConfig;
    private final Clock clock;

    EventHubRecords(
            HeartbeatPublisher heartbeats,
            ResourceInventory inventory,
            AzureRefresh azureRefresh,
            @Channel("eventhubs-dlq") MutinyEmitter<byte[]> deadLetters,
            InventoryConfig config,
            Clock clock) {
        this.heartbeats = heartbeats;
        this.inventory = inventory;
        this.azureRefresh = azureRefresh;
        this.deadLetters = deadLetters;
        this.heartbeatConfig = config.heartbeats();
        this.clock = clock;
    }

    /** Log Analytics data export of the Heartbeat table: publishes every readable heartbeat. */
    public void heartbeats(String hub, String body) {
        JsonNode event = parse(hub, body);
        if (event == null) {
            return;
        }
        List<JsonNode> records;
        try {
            records = HeartbeatRecords.records(event);
        } catch (IllegalArgumentException e) {
            deadLetter(hub, body, e.getMessage());
            return;
        }
        HeartbeatRecords.Batch batch = HeartbeatRecords.read(records, clock.instant(), heartbeatConfig.maxClockSkew());
        heartbeats.publish(batch.heartbeats(), ORIGIN);
        batch.errors()
                .forEach(error -> deadLetter(
                        hub,
                        records.get(error.index()).toString(),
                        "record " + error.index() + ": " + error.field() + " " + error.reason()));
    }

    /**
     * The Activity Log: each successful write or delete makes the Azure source read that resource again (its machine
     * for an extension, its subscription for a Defender setting). Without the Azure source, a deleted resource
     * inventory knows is forgotten at once.
     */
    public void activityLog(String hub, String body) {
        JsonNode event = parse(hub, body);
        if (event == null) {
            return;
        }
        ActivityLogRecords.Decoded decoded = ActivityLogRecords.decode(event);
        for (ActivityLogRecords.ResourceChange change : decoded.changes()) {
            if (azureRefresh.enabled()) {
                switch (change.change()) {
                    case WRITTEN -> azureRefresh.written(change.resourceId());
                    case DELETED -> azureRefresh.deleted(change.resourceId());
                }
            } else if (change.change() == ActivityLogRecords.Change.DELETED) {
                inventory.remove(change.resourceId(), ORIGIN);
            }
        }
        decoded.unreadable()
                .forEach(unreadable -> deadLetter(
                        hub,
                        unreadable.index() < 0
                                ? body
                                : event.get("records").get(unreadable.index()).toString(),
                        unreadable.reason()));
    }

    private JsonNode parse(String hub, String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            deadLetter(hub, body, "not JSON: " + e.getOriginalMessage());
            return null;
        }
    }

    private void deadLetter(String hub, String record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Topics.DEAD_LETTER_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(EVENT_HUB_HEADER, hub.getBytes(StandardCharsets.UTF_8));
        deadLetters.sendMessageAndAwait(Message.of(
                record.getBytes(StandardCharsets.UTF_8),
                Metadata.of(OutgoingKafkaRecordMetadata.<String>builder()
                        .withHeaders(headers)
                        .build())));
    }
}
