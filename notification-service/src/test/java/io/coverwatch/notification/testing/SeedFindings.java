package io.coverwatch.notification.testing;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import java.time.Instant;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Findings about the seeds' machines, as evaluation-service publishes them. */
public final class SeedFindings {

    public static final String PRODUCTION = "11111111-1111-1111-1111-111111111111";

    private SeedFindings() {}

    public static String machine(String name) {
        return "/subscriptions/" + PRODUCTION + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/"
                + name;
    }

    /** "Azure Monitor Agent is not reporting" for a machine, opened now. */
    public static Finding amaDown(String machineName) {
        String resourceId = machine(machineName);
        Instant now = Instant.now();
        return new Finding(
                Finding.idFor("CW-AGENT-AMA-DOWN", resourceId),
                "CW-AGENT-AMA-DOWN",
                "Azure Monitor Agent is not reporting",
                Severity.HIGH,
                resourceId,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                PRODUCTION,
                FindingStatus.OPEN,
                "(6) extension status: AzureMonitorWindowsAgent last heartbeat 4 hours ago",
                "Reinstall the Azure Monitor Agent extension",
                now,
                now,
                null);
    }

    /** A FindingOpened event as a Kafka record, with a fresh CloudEvent ID unless one is given. */
    public static ProducerRecord<String, byte[]> opened(Finding finding, String eventId) {
        return CloudEventCodec.encode(new CloudEvent<>(
                        eventId == null ? UUID.randomUUID().toString() : eventId,
                        "/coverwatch/evaluation-service/test",
                        Instant.now(),
                        new FindingOpened(finding)))
                .producerRecord();
    }
}
