package io.coverwatch.notification.notice;

import io.coverwatch.contracts.Severity;
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
        Instant endsAt) {

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /**
     * What the notice is within its group: a finding is its key, so its updates replace it; a remediation step is its
     * finding's key and the step, so each step is told on its own next to the finding.
     */
    public String identity() {
        return kind.happensOnce() ? key + "#" + kind.name() : key;
    }
}
