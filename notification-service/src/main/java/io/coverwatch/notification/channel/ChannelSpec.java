package io.coverwatch.notification.channel;

/**
 * What a user asks a channel to be. On an update, a null URL or secret keeps the stored one (the API never shows them,
 * so a client cannot send them back), and a null rate falls back to the kind's default.
 *
 * @param ratePerSecond messages per second this channel accepts; null for the kind's default
 */
public record ChannelSpec(String name, ChannelKind kind, String url, String signingSecret, Double ratePerSecond) {

    /** A generic webhook's signing key must be long enough to be a key. */
    static final int MIN_SECRET_LENGTH = 16;

    /** No webhook wants more than this from us. */
    static final double MAX_RATE = 100;

    /**
     * Checks what does not depend on stored state.
     *
     * @throws InvalidChannel naming what is wrong
     */
    void validate(boolean creating) {
        if (name == null || name.isBlank() || name.length() > 128) {
            throw new InvalidChannel("A channel needs a name of 1 to 128 characters");
        }
        if (name.trim().equals("*")) {
            throw new InvalidChannel("'*' stands for every channel in routes and cannot name one");
        }
        if (kind == null) {
            throw new InvalidChannel("A channel needs a kind: slack, teams or webhook");
        }
        if (creating && url == null) {
            throw new InvalidChannel("A channel needs a webhook URL");
        }
        if (signingSecret != null && !kind.signed()) {
            throw new InvalidChannel(
                    "Only generic webhooks are signed; a " + kind + " channel takes no signing secret");
        }
        if (signingSecret != null && signingSecret.length() < MIN_SECRET_LENGTH) {
            throw new InvalidChannel("A signing secret needs at least " + MIN_SECRET_LENGTH + " characters");
        }
        if (ratePerSecond != null && !(ratePerSecond > 0 && ratePerSecond <= MAX_RATE)) {
            throw new InvalidChannel("A rate limit is more than 0 and at most " + MAX_RATE + " messages per second");
        }
    }
}
