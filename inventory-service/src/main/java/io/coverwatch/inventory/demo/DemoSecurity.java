package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AzureResource;
import io.coverwatch.contracts.DefenderAssessment;
import io.coverwatch.contracts.SecuritySignal;
import io.coverwatch.inventory.signal.SecurityEventRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * What Defender for Cloud and the workspace say about a demo resource, as continuous export and data export would
 * deliver it: the estate file's recommendations and alerts, and the Windows security events a collecting agent sends.
 */
final class DemoSecurity {

    /** "An account was successfully logged on": in every security event collection level but None. */
    static final String LOGON_EVENT_ID = "4624";

    private static final String ASSESSMENTS = "/providers/Microsoft.Security/assessments/";
    private static final String PORTAL_RECOMMENDATION =
            "https://portal.azure.com/#blade/Microsoft_Azure_Security/RecommendationsBlade/assessmentKey/";

    private DemoSecurity() {}

    /** The resource's recommendations as of now. */
    static List<DefenderAssessment> recommendations(DemoResource demo, Instant now) {
        return demo.defenderRecommendations().stream()
                .map(recommendation -> {
                    // The demo knows no real assessment keys: one name-based GUID per recommendation, as real keys are.
                    String key = uuid(recommendation.displayName());
                    return new DefenderAssessment(
                            demo.id() + ASSESSMENTS + key,
                            key,
                            recommendation.displayName(),
                            demo.id(),
                            recommendation.status(),
                            recommendation.severity(),
                            null,
                            null,
                            PORTAL_RECOMMENDATION + key,
                            now);
                })
                .toList();
    }

    /** The machine's alerts, each dated its {@code ago} before now. */
    static List<SecuritySignal> alerts(DemoResource demo, Instant now) {
        return demo.defenderAlerts().stream()
                .map(alert -> {
                    Instant generated = now.minus(alert.ago());
                    return new SecuritySignal(
                            uuid(AzureResource.normalizeId(demo.id()) + "|" + alert.alertType() + "|" + generated)
                                    .toUpperCase(Locale.ROOT),
                            demo.id(),
                            SecuritySignal.SignalKind.DEFENDER_ALERT,
                            alert.alertType(),
                            alert.severity(),
                            generated);
                })
                .toList();
    }

    /**
     * The security events a machine sends now: one logon, when it is a Windows machine (SecurityEvent holds Windows
     * events) whose Azure Monitor Agent is sending and has a data collection rule to collect them by.
     */
    static List<SecuritySignal> events(DemoResource demo, Instant now) {
        AzureResource resource = demo.resource();
        if (!"Windows".equalsIgnoreCase(Machines.osType(resource))
                || Machines.dataCollectionRuleIds(resource).isEmpty()
                || DemoHeartbeats.sendingAma(demo).isEmpty()) {
            return List.of();
        }
        return List.of(new SecuritySignal(
                SecurityEventRecords.signalId(resource.id(), now, LOGON_EVENT_ID, resource.name()),
                resource.id(),
                SecuritySignal.SignalKind.SECURITY_EVENT,
                LOGON_EVENT_ID,
                null,
                now));
    }

    private static String uuid(String identity) {
        return UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
