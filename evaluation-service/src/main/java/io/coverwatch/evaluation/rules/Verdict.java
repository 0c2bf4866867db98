package io.coverwatch.evaluation.rules;

import io.coverwatch.contracts.TroubleshootingStep;

/** What a rule says of a resource. */
public sealed interface Verdict {

    /** The rule passes or does not apply: an open finding resolves. */
    record Pass() implements Verdict {}

    /**
     * The rule fails: a finding is open.
     *
     * @param diagnosis the failing troubleshooting step or the reason, in the seeds' words (shown on the finding)
     * @param step      the troubleshooting step a machine's walk stopped at; null when none failed or the resource is
     *                  not a machine
     */
    record Fail(String diagnosis, TroubleshootingStep step) implements Verdict {

        /** A failure that names no troubleshooting step. */
        public Fail(String diagnosis) {
            this(diagnosis, null);
        }

        /** The same failure, with the step the machine's walk stopped at, unless it names one already. */
        Fail onStep(TroubleshootingStep machineStep) {
            return step == null ? new Fail(diagnosis, machineStep) : this;
        }
    }

    /** Not enough is known yet to say either (for example the subscription was not reported yet); nothing changes. */
    record Unknown(String reason) implements Verdict {}
}
