package io.coverwatch.evaluation.rules.exclusion;

/** An exemption a user asked for that cannot be accepted; the message says why (the REST layer answers 400). */
public class InvalidExemption extends IllegalArgumentException {

    public InvalidExemption(String message) {
        super(message);
    }
}
