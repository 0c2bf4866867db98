package io.coverwatch.evaluation.rules;

/** What a rule says of a resource. */
public sealed interface Verdict {

    /** The rule passes or does not apply: an open finding resolves. */
    record Pass() implements Verdict {}

    /**
     * The rule fails: a finding is open.
     *
     * @param diagnosis the failing troubleshooting step or the reason, in the seeds' words (shown on the finding)
     */
    record Fail(String diagnosis) implements Verdict {}

    /** Not enough is known yet to say either (for example the subscription was not reported yet); nothing changes. */
    record Unknown(String reason) implements Verdict {}
}
