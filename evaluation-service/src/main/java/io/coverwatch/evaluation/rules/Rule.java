package io.coverwatch.evaluation.rules;

import io.coverwatch.contracts.Severity;
import java.util.Set;

/**
 * One entry of the rules catalog.
 *
 * @param id          stable rule ID; part of every finding ID, so it never changes
 * @param kinds       the resource kinds the rule's findings are raised on
 * @param remediation the suggested fix, in the seeds' words
 * @param control     the secure-score control the rule counts towards
 */
public record Rule(
        String id, String title, Severity severity, Set<ResourceKind> kinds, String remediation, Control control) {}
