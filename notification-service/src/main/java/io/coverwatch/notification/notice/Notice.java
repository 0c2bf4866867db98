package io.coverwatch.notification.notice;

import io.coverwatch.contracts.Severity;
import io.coverwatch.contracts.TroubleshootingStep;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One thing the SOC is told about: a finding's state, or a step of a remediation. Everything a channel renders and
 * everything a route matches on. Names, tags, diagnosis and messages come from the estate and are untrusted text.
 *
 * @param key            what the notice is about, stable across its updates: the finding ID (a remediation's
 *                       notices carry their finding's ID, so they group with it)
 * @param kind           a finding, or which remediation step
 * @param firing         true while the finding is open (or the remediation step stands); false for a resolved notice
 * @param ruleId         the rule's stable ID, for example {@code CW-AGENT-AMA-DOWN}
 * @param resourceType   the ARM type, for example {@code Microsoft.Compute/virtualMachines}
 * @param resourceName   the resource's name as Azure spells it (untrusted)
 * @param tags           the resource's tags (untrusted), for route matching and grouping
 * @param diagnosis      the failing troubleshooting step, in the seeds' words; null when none
 * @param remediation    the suggested fix, or for a remediation notice what was (or would be) done
 * @param portalUrl      the resource in the Azure portal
 * @param startsAt       when the finding opened (or the remediation step happened)
 * @param endsAt         when it resolved; null while firing
 * @param diagnosisStep  the troubleshooting step a machine's walk stopped at, whose fix the message names; null when
 *                       none (not a machine, nothing failed, or a remediation step)
 * @param exclusionReason why a resolved notice resolved by exclusion (the Azure Local table, a user exemption); null
 *                        when it resolved or fires
 * @param consoleUrl     the finding in Coverwatch's own console; null when no console is configured
 * @param subscriptionName the subscription's display name, as inventory last told it (untrusted); null when unknown
 */
public record Notice(
        String key,
        NoticeKind kind,
        boolean firing,
        String ruleId,
        String title,
        Severity severity,
        String resourceId,
        String resourceType,
        String resourceName,
        String subscriptionId,
        Map<String, String> tags,
        String diagnosis,
        String remediation,
        String portalUrl,
        Instant startsAt,
        Instant endsAt,
        TroubleshootingStep diagnosisStep,
        String exclusionReason,
        String consoleUrl,
        String subscriptionName) {

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /**
     * The finding a remediation step is about, as far as the step tells it (rule, resource, subscription, severity):
     * what inhibition judges a step by when its finding's own notice is unknown.
     */
    public Notice asFinding() {
        return new Notice(
                key,
                NoticeKind.FINDING,
                true,
                ruleId,
                title,
                severity,
                resourceId,
                resourceType,
                resourceName,
                subscriptionId,
                tags,
                diagnosis,
                null,
                portalUrl,
                startsAt,
                null,
                diagnosisStep,
                null,
                consoleUrl,
                subscriptionName);
    }

    /**
     * What the notice is within its group: a finding is its key, so its updates replace it; a remediation step is its
     * finding's key and the step, so each step is told on its own next to the finding.
     */
    public String identity() {
        return kind.happensOnce() ? key + "#" + kind.name() : key;
    }
}
