package io.coverwatch.notification.message;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.notification.notice.Notice;
import io.coverwatch.notification.notice.NoticeGroup;
import io.coverwatch.notification.notice.NoticeKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The seeds' examples as notices, as routing would hand them to a channel. */
public final class SeedNotices {

    public static final String SUBSCRIPTION = "11111111-1111-1111-1111-111111111111";
    public static final String PORTAL = "https://portal.azure.com/#@/resource";
    public static final Instant OPENED = Instant.parse("2026-11-23T08:00:00Z");

    private SeedNotices() {}

    public static String vmId(String name) {
        return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/prod-rg/providers/Microsoft.Compute/virtualMachines/"
                + name;
    }

    /** dev-test-03: its AMA heartbeat is 4 hours ago. */
    public static Notice devTest03AmaDown() {
        return finding("dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.HIGH)
                .diagnosis("Check 2: the Azure Monitor Agent's last heartbeat was 4 hours ago")
                .remediation("Restart the AzureMonitorWindowsAgent extension on dev-test-03")
                .build();
    }

    /** prod-web-01, not monitored because the Servers plan is off. */
    public static Notice prodWeb01NotMonitored() {
        return finding("prod-web-01", "CW-MON-NOT-MONITORED", "Machine is not monitored", Severity.HIGH)
                .diagnosis("Step 1: Defender for Servers is not enabled on the subscription")
                .remediation("Enable Defender for Servers Plan 2 on dev-subscription")
                .build();
    }

    /** prod-db-01 is healthy again: its finding resolved. */
    public static Notice prodDb01Resolved() {
        return finding("prod-db-01", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.HIGH)
                .firing(false)
                .endsAt(OPENED.plusSeconds(3_600))
                .build();
    }

    /** The remediation of dev-test-03's AMA waits for a person: approving restarts the extension. */
    public static Notice devTest03AwaitingApproval() {
        return finding("dev-test-03", "CW-AGENT-AMA-DOWN", "Azure Monitor Agent is down", Severity.HIGH)
                .kind(NoticeKind.REMEDIATION_AWAITING_APPROVAL)
                .remediation("restart the AzureMonitorWindowsAgent extension on dev-test-03")
                .build();
    }

    public static NoticeGroup group(List<Notice> firing, List<Notice> resolved) {
        return new NoticeGroup("route-soc/{severity=\"High\"}", Map.of("severity", "High"), firing, resolved);
    }

    /** {@code count} High and Medium findings on web-000…, each with a long diagnosis. */
    public static List<Notice> many(int count, int diagnosisLength) {
        List<Notice> notices = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "web-%03d".formatted(i);
            notices.add(finding(
                            name,
                            "CW-AGENT-AMA-DOWN",
                            "Azure Monitor Agent is down",
                            i % 3 == 0 ? Severity.HIGH : Severity.MEDIUM)
                    .diagnosis(("Check 2: no heartbeat from " + name + " ")
                            .repeat(diagnosisLength)
                            .substring(0, diagnosisLength))
                    .remediation("Restart the AzureMonitorWindowsAgent extension on " + name)
                    .build());
        }
        return notices;
    }

    public static Builder finding(String vm, String ruleId, String title, Severity severity) {
        return new Builder(vm, ruleId, title, severity);
    }

    /** A notice with the seeds' defaults, any field overridable. */
    public static final class Builder {
        private String key;
        private NoticeKind kind = NoticeKind.FINDING;
        private boolean firing = true;
        private final String ruleId;
        private String title;
        private final Severity severity;
        private String resourceId;
        private String resourceName;
        private String subscriptionId = "dev-subscription";
        private Map<String, String> tags = Map.of("env", "dev");
        private String diagnosis;
        private String remediation;
        private String portalUrl;
        private Instant endsAt;
        private TroubleshootingStep diagnosisStep;
        private String exclusionReason;
        private String consoleUrl;
        private String subscriptionName;

        Builder(String vm, String ruleId, String title, Severity severity) {
            this.ruleId = ruleId;
            this.title = title;
            this.severity = severity;
            this.resourceId = vmId(vm);
            this.resourceName = vm;
            this.key = Finding.idFor(ruleId, resourceId);
            this.portalUrl = PORTAL + resourceId;
        }

        public Builder kind(NoticeKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder firing(boolean firing) {
            this.firing = firing;
            return this;
        }

        public Builder key(String key) {
            this.key = key;
            return this;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder resourceName(String resourceName) {
            this.resourceName = resourceName;
            return this;
        }

        public Builder subscriptionId(String subscriptionId) {
            this.subscriptionId = subscriptionId;
            return this;
        }

        public Builder tags(Map<String, String> tags) {
            this.tags = tags;
            return this;
        }

        public Builder diagnosis(String diagnosis) {
            this.diagnosis = diagnosis;
            return this;
        }

        public Builder remediation(String remediation) {
            this.remediation = remediation;
            return this;
        }

        public Builder portalUrl(String portalUrl) {
            this.portalUrl = portalUrl;
            return this;
        }

        public Builder diagnosisStep(TroubleshootingStep diagnosisStep) {
            this.diagnosisStep = diagnosisStep;
            return this;
        }

        public Builder exclusionReason(String exclusionReason) {
            this.exclusionReason = exclusionReason;
            return this;
        }

        public Builder consoleUrl(String consoleUrl) {
            this.consoleUrl = consoleUrl;
            return this;
        }

        public Builder subscriptionName(String subscriptionName) {
            this.subscriptionName = subscriptionName;
            return this;
        }

        public Builder endsAt(Instant endsAt) {
            this.endsAt = endsAt;
            return this;
        }

        public Notice build() {
            return new Notice(
                    key,
                    kind,
                    firing,
                    ruleId,
                    title,
                    severity,
                    resourceId,
                    "Microsoft.Compute/virtualMachines",
                    resourceName,
                    subscriptionId,
                    tags,
                    diagnosis,
                    remediation,
                    portalUrl,
                    OPENED,
                    endsAt,
                    diagnosisStep,
                    exclusionReason,
                    consoleUrl,
                    subscriptionName);
        }
    }
}
