package io.coverwatch.notification.routing;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.Severity;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeKind;
import java.time.Instant;
import java.util.Map;

/** The seeds' examples as notices: dev-subscription without Defender for Servers, dev-test-03, prod-web-01, analytics-db. */
public final class SeedNotices {

    public static final String PROD = "11111111-1111-1111-1111-111111111111";
    public static final String DEV = "22222222-2222-2222-2222-222222222222";
    public static final String HYBRID = "33333333-3333-3333-3333-333333333333";
    public static final Instant OPENED = Instant.parse("2026-11-23T08:00:00Z");

    private SeedNotices() {}

    /** dev-subscription has Defender for Servers off: the subscription-level cause. */
    public static Notice devSubscriptionNeedsDefenderForServers() {
        return finding(
                "CW-DEF-SERVERS",
                "Defender for Servers should be enabled",
                Severity.HIGH,
                AzureResource.subscriptionResourceId(DEV),
                AzureResource.SUBSCRIPTION_TYPE,
                "dev-subscription",
                DEV,
                Map.of(),
                "the VirtualMachines plan is off on subscription dev-subscription");
    }

    /** dev-test-03 is Not monitored, at step 1, because its subscription has Defender for Servers off. */
    public static Notice devTest03NotMonitored() {
        return machine(
                "CW-MON-NOT-MONITORED",
                "Machine is not monitored",
                DEV,
                "dev-rg",
                "dev-test-03",
                "dev",
                "Step 1 (Defender for Servers plan): Defender for Servers is off on subscription dev-subscription");
    }

    /** dev-test-03's AMA heartbeat is 4 hours old. */
    public static Notice devTest03AmaDown() {
        return devAmaDown("dev-test-03");
    }

    /** A machine of dev-rg whose AMA heartbeat is 4 hours old: one of an outage's thousand, by its name. */
    public static Notice devAmaDown(String machineName) {
        return machine(
                "CW-AGENT-AMA-DOWN",
                "Azure Monitor Agent is down",
                DEV,
                "dev-rg",
                machineName,
                "dev",
                "last Azure Monitor Agent heartbeat 4 hours ago (threshold 15 minutes)");
    }

    /** prod-web-01 lacks the AMA extension, so it is Not monitored at step 6. */
    public static Notice prodWeb01NotMonitored() {
        return machine(
                "CW-MON-NOT-MONITORED",
                "Machine is not monitored",
                PROD,
                "prod-rg",
                "prod-web-01",
                "prod",
                "Step 6 (Extension status): the Azure Monitor Agent extension (AzureMonitorWindowsAgent) is missing");
    }

    public static Notice prodWeb01NeedsLogAnalyticsAgent() {
        return machine(
                "CW-MON-LA-AGENT",
                "Log Analytics agent should be installed on VMs",
                PROD,
                "prod-rg",
                "prod-web-01",
                "prod",
                null);
    }

    /** dev-test-03 has no agent: nothing provisions one while Defender for Servers is off on dev-subscription. */
    public static Notice devTest03NeedsLogAnalyticsAgent() {
        return machine(
                "CW-MON-LA-AGENT",
                "Log Analytics agent should be installed on VMs",
                DEV,
                "dev-rg",
                "dev-test-03",
                "dev",
                null);
    }

    public static Notice analyticsDbNeedsDefenderForSql() {
        return finding(
                "CW-DEF-SQL",
                "Defender for SQL should be enabled",
                Severity.MEDIUM,
                "/subscriptions/" + PROD + "/resourceGroups/data-rg/providers/Microsoft.Sql/servers/analytics-db",
                "Microsoft.Sql/servers",
                "analytics-db",
                PROD,
                Map.of("env", "prod"),
                "the SqlServers plan is off on subscription prod-subscription, leaving analytics-db unprotected:"
                        + " set its tier to Standard");
    }

    /** The same notice, resolved at {@code at}. */
    public static Notice resolved(Notice notice, Instant at) {
        return new Notice(
                notice.key(),
                notice.kind(),
                false,
                notice.ruleId(),
                notice.title(),
                notice.severity(),
                notice.resourceId(),
                notice.resourceType(),
                notice.resourceName(),
                notice.subscriptionId(),
                notice.tags(),
                notice.diagnosis(),
                notice.remediation(),
                notice.portalUrl(),
                notice.startsAt(),
                at,
                notice.diagnosisStep(),
                notice.exclusionReason(),
                notice.consoleUrl(),
                notice.subscriptionName());
    }

    /** The same notice as a remediation step about its finding. */
    public static Notice asRemediation(Notice notice, NoticeKind kind) {
        return new Notice(
                notice.key(),
                kind,
                true,
                notice.ruleId(),
                notice.title(),
                notice.severity(),
                notice.resourceId(),
                notice.resourceType(),
                notice.resourceName(),
                notice.subscriptionId(),
                notice.tags(),
                notice.diagnosis(),
                "install the AzureMonitorLinuxAgent extension",
                notice.portalUrl(),
                notice.startsAt(),
                null,
                notice.diagnosisStep(),
                notice.exclusionReason(),
                notice.consoleUrl(),
                notice.subscriptionName());
    }

    /** The same notice with another diagnosis: the finding changed, but is still the same finding. */
    public static Notice withDiagnosis(Notice notice, String diagnosis) {
        return new Notice(
                notice.key(),
                notice.kind(),
                notice.firing(),
                notice.ruleId(),
                notice.title(),
                notice.severity(),
                notice.resourceId(),
                notice.resourceType(),
                notice.resourceName(),
                notice.subscriptionId(),
                notice.tags(),
                diagnosis,
                notice.remediation(),
                notice.portalUrl(),
                notice.startsAt(),
                notice.endsAt(),
                notice.diagnosisStep(),
                notice.exclusionReason(),
                notice.consoleUrl(),
                notice.subscriptionName());
    }

    /** The same notice with other tags. */
    public static Notice withTags(Notice notice, Map<String, String> tags) {
        return new Notice(
                notice.key(),
                notice.kind(),
                notice.firing(),
                notice.ruleId(),
                notice.title(),
                notice.severity(),
                notice.resourceId(),
                notice.resourceType(),
                notice.resourceName(),
                notice.subscriptionId(),
                tags,
                notice.diagnosis(),
                notice.remediation(),
                notice.portalUrl(),
                notice.startsAt(),
                notice.endsAt(),
                notice.diagnosisStep(),
                notice.exclusionReason(),
                notice.consoleUrl(),
                notice.subscriptionName());
    }

    private static Notice machine(
            String ruleId, String title, String subscription, String group, String name, String env, String diagnosis) {
        return finding(
                ruleId,
                title,
                Severity.HIGH,
                "/subscriptions/" + subscription + "/resourceGroups/" + group
                        + "/providers/Microsoft.Compute/virtualMachines/" + name,
                AzureResource.VIRTUAL_MACHINE_TYPE,
                name,
                subscription,
                Map.of("env", env),
                diagnosis);
    }

    private static Notice finding(
            String ruleId,
            String title,
            Severity severity,
            String resourceId,
            String type,
            String name,
            String subscription,
            Map<String, String> tags,
            String diagnosis) {
        return new Notice(
                Finding.idFor(ruleId, resourceId),
                NoticeKind.FINDING,
                true,
                ruleId,
                title,
                severity,
                resourceId,
                type,
                name,
                subscription,
                tags,
                diagnosis,
                null,
                "https://portal.azure.com/#@/resource" + resourceId,
                OPENED,
                null,
                null,
                null,
                null,
                null);
    }
}
