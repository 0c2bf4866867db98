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
import io.coverwatch.inventory.signal.DefenderExportRecords;
import io.coverwatch.inventory.signal.SecurityEventRecords;
import io.coverwatch.inventory.signal.SecurityPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * What inventory does with one Event Hubs event of each stream. A record it cannot read goes to
 * {@code coverwatch.inventory.eventhubs.dlq} with the reason, and the rest of the event goes on; a record of data it
 * does not use is counted ({@value #SKIPPED_METRIC}) and dropped. Each method returns only once everything is on
 * Kafka, so the processor checkpoints nothing that could be lost.
 */
@ApplicationScoped
public class EventHubRecords {

    static final String ORIGIN = "event-hubs";
    static final String EVENT_HUB_HEADER = "event-hub";
    static final String SKIPPED_METRIC = "coverwatch.eventhubs.records.skipped";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HeartbeatPublisher heartbeats;
    private final SecurityPublisher security;
    private final ResourceInventory inventory;
    private final AzureRefresh azureRefresh;
    private final MutinyEmitter<byte[]> deadLetters;
    private final MeterRegistry meters;
    private final InventoryConfig.Heartbeats heartbeatConfig;
    private final Clock clock;

    EventHubRecords(
            HeartbeatPublisher heartbeats,
            SecurityPublisher security,
            ResourceInventory inventory,
            AzureRefresh azureRefresh,
            @Channel("eventhubs-dlq") MutinyEmitter<byte[]> deadLetters,
            MeterRegistry meters,
            InventoryConfig config,
            Clock clock) {
        this.heartbeats = heartbeats;
        this.security = security;
        this.inventory = inventory;
        this.azureRefresh = azureRefresh;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.heartbeatConfig = config.heartbeats();
        this.clock = clock;
    }

    /**
     * Log Analytics data export: publishes every readable Heartbeat and SecurityEvent row, whichever hub carries it.
     *
     * @param hubTables the tables this hub was configured for: a row without a {@code Type} belongs to the only one
     */
    public void workspaceExport(String hub, String body, Set<ExportedTable> hubTables) {
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
        ExportedTable.Split split = ExportedTable.split(records, hubTables);
        List<Integer> heartbeatRows = split.of(ExportedTable.HEARTBEAT);
        List<Integer> eventRows = split.of(ExportedTable.SECURITY_EVENT);
        HeartbeatRecords.Batch heartbeatBatch =
                HeartbeatRecords.read(rows(records, heartbeatRows), clock.instant(), heartbeatConfig.maxClockSkew());
        SecurityEventRecords.Batch eventBatch = SecurityEventRecords.read(rows(records, eventRows));
        heartbeats.publish(heartbeatBatch.heartbeats(), ORIGIN);
        security.publish(List.of(), eventBatch.signals(), ORIGIN);

        split.otherTables().forEach(table -> skipped(hub, "table " + table));
        split.unreadable()
                .forEach(index -> deadLetter(
                        hub,
                        records.get(index).toString(),
                        "record " + index + ": no Type column to tell its table, and this hub carries several"));
        heartbeatBatch.errors().forEach(error -> {
            int index = heartbeatRows.get(error.index());
            deadLetter(
                    hub,
                    records.get(index).toString(),
                    "record " + index + ": " + error.field() + " " + error.reason());
        });
        eventBatch.errors().forEach(error -> {
            int index = eventRows.get(error.index());
            deadLetter(hub, records.get(index).toString(), "record " + index + ": " + error.reason());
        });
    }

    /**
     * Defender for Cloud continuous export: publishes alerts, recommendations and secure scores; sub-assessments and
     * secure score controls are counted and dropped.
     *
     * @param exportedAt the event's enqueued time: the time of a recommendation that carries none
     */
    public void continuousExport(String hub, String body, Instant exportedAt) {
        JsonNode event = parse(hub, body);
        if (event == null) {
            return;
        }
        DefenderExportRecords.Decoded decoded = DefenderExportRecords.decode(event, exportedAt);
        security.publish(decoded.assessments(), decoded.secureScores(), decoded.alerts(), ORIGIN);
        decoded.skipped().forEach(skipped -> skipped(hub, skipped.name().toLowerCase(Locale.ROOT)));
        decoded.unreadable()
                .forEach(unreadable -> deadLetter(
                        hub,
                        unreadable.item() == null ? body : unreadable.item().toString(),
                        unreadable.index() < 0
                                ? unreadable.reason()
                                : "record " + unreadable.index() + ": " + unreadable.reason()));
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

    private static List<JsonNode> rows(List<JsonNode> records, List<Integer> indexes) {
        return indexes.stream().map(records::get).toList();
    }

    private void skipped(String hub, String kind) {
        meters.counter(SKIPPED_METRIC, "hub", hub, "kind", kind).increment();
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
