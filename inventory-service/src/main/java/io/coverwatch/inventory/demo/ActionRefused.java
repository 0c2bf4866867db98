package io.coverwatch.inventory.demo;

/** The demo estate refuses an action as Azure would, for example a policy denying extensions; the API answers 409. */
public class ActionRefused extends RuntimeException {

    public ActionRefused(String message) {
        super(message);
    }
}
