package io.coverwatch.evaluation.finding;

import io.coverwatch.contracts.Severity;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the open findings amount to: how many of each severity, and which machines are not monitored.
 *
 * @param open                every severity with its count of open findings (zero included)
 * @param notMonitoredMachines how many machines are not monitored
 * @param notMonitored        the first of them by resource ID, each with one finding that says why
 */
@Schema(
        description =
                "What the open findings amount to: how many of each severity, and which machines are not monitored.")
public record FindingsSummary(
        @Schema(description = "Every severity with its count of open findings, zero included.")
                Map<Severity, Long> open,
        @Schema(description = "How many machines are not monitored.") long notMonitoredMachines,
        @Schema(description = "The first of them by resource ID, each with one finding that says why.")
                List<NotMonitored> notMonitored) {

    public FindingsSummary {
        open = Map.copyOf(open);
        notMonitored = List.copyOf(notMonitored);
    }

    /** A machine that is not monitored, with the finding that names why and its diagnosis (null when it has none). */
    @Schema(description = "A machine that is not monitored, with the finding that names why.")
    public record NotMonitored(
            @Schema(description = "The machine's ARM ID.") String resourceId,
            @Schema(description = "The finding that names why.") String findingId,
            @Schema(description = "The finding's diagnosis; null when it has none.") String diagnosis) {}
}
