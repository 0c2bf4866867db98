package io.coverwatch.notification.delivery;

import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to a channel, as it goes on the wire.
 *
 * @param body    the JSON body, exactly as stored in the delivery log (a re-drive sends the same bytes)
 * @param headers the request headers besides the content type (a generic webhook's signature)
 */
public record OutgoingMessage(String body, Map<String, String> headers) {

    public OutgoingMessage {
        Objects.requireNonNull(body, "body");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
