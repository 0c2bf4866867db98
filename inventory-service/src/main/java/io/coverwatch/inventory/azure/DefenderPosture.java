package io.coverwatch.inventory.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.coverwatch.inventory.signal.DefenderExportRecords;
import io.coverwatch.inventory.signal.SecurityPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Defender's own view of a subscription as Resource Graph holds it: its recommendations ({@code
 * microsoft.security/assessments}) and its secure score ({@code microsoft.security/securescores}). They are read as
 * continuous export's items (the same shape) and published on {@code coverwatch.inventory.security} as Event Hubs'
 * are, so recommendations, the Azure Local exclusions and the score need no Event Hub.
 */
@ApplicationScoped
class DefenderPosture {

    static final String UNREADABLE_METRIC = "coverwatch.azure.defender.rows.unreadable";

    /** What {@link AzureDiscovery#DEFENDER_QUERY} asks for; other rows of the table are not Defender's posture. */
    private static final Set<String> TYPES =
            Set.of("microsoft.security/assessments", "microsoft.security/securescores");

    private static final Logger LOG = Logger.getLogger(DefenderPosture.class);

    private final SecurityPublisher publisher;
    private final MeterRegistry meters;

    DefenderPosture(SecurityPublisher publisher, MeterRegistry meters) {
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * Publishes the recommendations and scores of one subscription; a row that cannot be read is logged and counted
     * (the next sync reads it again), the others go on.
     *
     * @param readAt when the sync started: the time of a score, and of a recommendation that carries none
     */
    void publish(String subscriptionId, List<JsonNode> rows, Instant readAt) {
        ArrayNode items = JsonNodeFactory.instance.arrayNode();
        rows.stream()
                .filter(row -> TYPES.contains(AzureMapping.lower(AzureMapping.text(row, "type"))))
                .forEach(items::add);
        DefenderExportRecords.Decoded decoded = DefenderExportRecords.decode(items, readAt);
        publisher.publish(decoded.assessments(), decoded.secureScores(), List.of(), AzureSync.ORIGIN);
        decoded.unreadable().forEach(unreadable -> {
            meters.counter(UNREADABLE_METRIC).increment();
            LOG.warnf(
                    "Subscription %s: Defender row %s is unreadable: %s",
                    subscriptionId,
                    unreadable.item() == null ? "?" : AzureMapping.text(unreadable.item(), "id"),
                    unreadable.reason());
        });
    }
}
