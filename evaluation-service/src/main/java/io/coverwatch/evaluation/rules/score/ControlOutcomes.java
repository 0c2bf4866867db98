package io.coverwatch.evaluation.rules.score;

import io.coverwatch.evaluation.rules.Control;
import io.coverwatch.evaluation.rules.ResourceKind;
import java.util.Objects;

/**
 * Resources that something fails or reports on in one control, grouped by what the score reads of them: a resource
 * with a finding that is not resolved on one of the control's catalog rules, or (for Defender's recommendations) an
 * assessment that is not "not applicable". Every other resource passes every catalog rule of its kind.
 *
 * @param assessments the Defender assessments on each resource in this control: outcomes beyond the catalog's rules
 * @param excluded    how many of each resource's failing outcomes are excluded (an exemption or an Azure Local
 *                    exclusion)
 * @param failing     whether each resource has a failing outcome that is not excluded
 * @param resources   how many resources are alike in all of this
 */
public record ControlOutcomes(
        String subscriptionId,
        ResourceKind kind,
        Control control,
        int assessments,
        int excluded,
        boolean failing,
        long resources) {

    public ControlOutcomes {
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(control, "control");
    }
}
