package io.coverwatch.evaluation.finding;

import io.coverwatch.contracts.Severity;
import java.util.List;
import java.util.Map;

/**
 * What the open findings amount to: how many of each severity, and which machines are not monitored.
 *
 * @param open                every severity with its count of open findings (zero included)
 * @param notMonitoredMachines how many machines are not monitored
 * @param notMonitored        the first of them by resource ID, each with one finding that says why
 */
public record FindingsSummary(Map<Severity, Long> open, long notMonitoredMachines, List<NotMonitored> notMonitored) {

    public FindingsSummary {
        open = Map.copyOf(open);
        notMonitored = List.copyOf(notMonitored);
    }

    /** A machine that is not monitored, with the finding that names why and its diagnosis (null when it has none). */
    public record NotMonitored(String resourceId, String findingId, String diagnosis) {}
}
