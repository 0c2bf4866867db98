package io.coverwatch.notification.channel;

/** A channel that cannot be accepted; the message names the reason and never the URL. */
public class InvalidChannel extends RuntimeException {

    public InvalidChannel(String message) {
        super(message);
    }
}
