package io.coverwatch.evaluation.coverage;

import io.coverwatch.contracts.Severity;
import java.util.Set;

/**
 * One entry of the rules catalog.
 *
 * @param id            stable rule ID; part of every finding ID, so it never changes
 * @param resourceTypes the ARM types the rule's findings are raised on
 * @param remediation   the suggested fix, in the seeds' words
 */
public record Rule(String id, String title, Severity severity, Set<String> resourceTypes, String remediation) {}
