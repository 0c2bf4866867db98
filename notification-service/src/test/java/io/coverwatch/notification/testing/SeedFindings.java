package io.coverwatch.notification.testing;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.CloudEvent;
import io.coverwatch.contracts.CoverwatchEvent;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingChanged;
import io.coverwatch.contracts.FindingOpened;
import io.coverwatch.contracts.FindingResolved;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Remediation;
import io.coverwatch.contracts.RemediationPlanned;
import io.coverwatch.contracts.ResourceUpserted;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.SubscriptionDetails;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.contracts.cloudevents.CloudEventCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Findings about the seeds' machines, as evaluation-service publishes them. Tests share one database, and the default
 * route groups by subscription: a test that wants groups of its own takes a {@link #freshSubscription()} and names
 * the seeds' machines in it.
 */
public final class SeedFindings {

    public static final String PRODUCTION = "11111111-1111-1111-1111-111111111111";

    private SeedFindings() {}

    /** A subscription ID no other test uses, standing for dev-subscription or prod-subscription in one test. */
    public static String freshSubscription() {
        return UUID.randomUUID().toString();
    }

    public static String machine(String name) {
        return machine(PRODUCTION, name);
    }

    public static String machine(String subscription, String name) {
        String group = name.startsWith("dev-") ? "dev-rg" : "prod-rg";
        return "/subscriptions/" + subscription + "/resourceGroups/" + group
                + "/providers/Microsoft.Compute/virtualMachines/" + name;
    }

    /** "Azure Monitor Agent is not reporting" for a machine, opened now. */
    public static Finding amaDown(String machineName) {
        return amaDown(PRODUCTION, machineName);
    }

    public static Finding amaDown(String subscription, String machineName) {
        return finding(
                "CW-AGENT-AMA-DOWN",
                "Azure Monitor Agent is not reporting",
                machine(subscription, machineName),
                AzureResource.VIRTUAL_MACHINE_TYPE,
                subscription,
                "(6) extension status: AzureMonitorWindowsAgent last heartbeat 4 hours ago",
                "Reinstall the Azure Monitor Agent extension");
    }

    /** A machine that is Not monitored because its subscription has Defender for Servers off (step 1). */
    public static Finding notMonitored(String subscription, String machineName) {
        return finding(
                "CW-MON-NOT-MONITORED",
                "Machine is not monitored",
                machine(subscription, machineName),
                AzureResource.VIRTUAL_MACHINE_TYPE,
                subscription,
                "Step 1 (Defender for Servers plan): Defender for Servers is off on subscription dev-subscription",
                "Enable Defender for Servers on the subscription",
                TroubleshootingStep.SERVERS_PLAN);
    }

    /** dev-subscription without Defender for Servers: the subscription-level cause. */
    public static Finding defenderForServersOff(String subscription) {
        return finding(
                "CW-DEF-SERVERS",
                "Defender for Servers should be enabled",
                AzureResource.subscriptionResourceId(subscription),
                AzureResource.SUBSCRIPTION_TYPE,
                subscription,
                "the VirtualMachines plan is off on subscription dev-subscription",
                "Enable Defender for Servers Plan 2");
    }

    /** A FindingOpened event as a Kafka record, with a fresh CloudEvent ID unless one is given. */
    public static ProducerRecord<String, byte[]> opened(Finding finding, String eventId) {
        return record(new FindingOpened(finding), eventId);
    }

    /** A FindingResolved event as a Kafka record, with a fresh CloudEvent ID. */
    public static ProducerRecord<String, byte[]> resolved(Finding finding) {
        return record(new FindingResolved(finding), null);
    }

    /** The finding excluded (a user exemption, the Azure Local table) for {@code reason}, as a FindingChanged record. */
    public static ProducerRecord<String, byte[]> excluded(Finding finding, String reason) {
        return record(
                new FindingChanged(new Finding(
                        finding.findingId(),
                        finding.ruleId(),
                        finding.title(),
                        finding.severity(),
                        finding.resourceId(),
                        finding.resourceType(),
                        finding.subscriptionId(),
                        FindingStatus.EXCLUDED,
                        finding.diagnosis(),
                        finding.remediation(),
                        finding.firstSeen(),
                        Instant.now(),
                        reason,
                        finding.resourceTags(),
                        finding.diagnosisStep())),
                null);
    }

    /** inventory-service telling of the subscription and its display name, Defender for Servers off. */
    public static ProducerRecord<String, byte[]> subscriptionNamed(String subscription, String displayName) {
        AzureResource resource = new AzureResource(
                AzureResource.subscriptionResourceId(subscription),
                AzureResource.SUBSCRIPTION_TYPE,
                displayName,
                subscription,
                null,
                null,
                Map.of(),
                new SubscriptionDetails(displayName, List.of(), false),
                null);
        return record(new ResourceUpserted(resource, "test-" + UUID.randomUUID()), null);
    }

    /** remediation-service planning {@code plan} for the finding, as a RemediationPlanned record. */
    public static ProducerRecord<String, byte[]> remediationPlanned(Finding finding, String action, String plan) {
        Remediation remediation = new Remediation(
                "rem-" + UUID.randomUUID(),
                finding.findingId(),
                finding.ruleId(),
                action,
                finding.resourceId(),
                finding.subscriptionId(),
                false);
        return record(new RemediationPlanned(remediation, plan), null);
    }

    private static ProducerRecord<String, byte[]> record(CoverwatchEvent event, String eventId) {
        return CloudEventCodec.encode(new CloudEvent<>(
                        eventId == null ? UUID.randomUUID().toString() : eventId,
                        "/coverwatch/evaluation-service/test",
                        Instant.now(),
                        event))
                .producerRecord();
    }

    private static Finding finding(
            String ruleId,
            String title,
            String resourceId,
            String type,
            String subscription,
            String diagnosis,
            String remediation) {
        return finding(ruleId, title, resourceId, type, subscription, diagnosis, remediation, null);
    }

    private static Finding finding(
            String ruleId,
            String title,
            String resourceId,
            String type,
            String subscription,
            String diagnosis,
            String remediation,
            TroubleshootingStep step) {
        Instant now = Instant.now();
        return new Finding(
                Finding.idFor(ruleId, resourceId),
                ruleId,
                title,
                Severity.HIGH,
                resourceId,
                type,
                subscription,
                FindingStatus.OPEN,
                diagnosis,
                remediation,
                now,
                now,
                null,
                null,
                step);
    }
}
