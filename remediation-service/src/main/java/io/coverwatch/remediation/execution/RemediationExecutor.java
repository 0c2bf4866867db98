package io.coverwatch.remediation.execution;

import io.coverwatch.remediation.catalog.RemediationPlan;

/**
 * Makes an automatic plan's change: in Azure Resource Manager, or in the demo estate. Called outside any database
 * transaction, once per attempt; it never throws for a failed change, it answers {@link ExecutionOutcome.Failed}.
 */
public interface RemediationExecutor {

    ExecutionOutcome execute(RemediationPlan.Automatic plan);
}
