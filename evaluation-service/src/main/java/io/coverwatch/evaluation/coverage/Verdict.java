package io.coverwatch.evaluation.coverage;

/** What a rule says of a resource. */
public enum Verdict {
    /** The rule fails: a finding is open. */
    FAIL,
    /** The rule passes or does not apply: any open finding resolves. */
    PASS,
    /** Not enough is known yet to say either; nothing changes. */
    UNKNOWN
}
