package io.coverwatch.notification.channel;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where a channel's messages go, which decides how they are rendered and signed. */
@Schema(
        description = "Where a channel's messages go: slack (a Slack incoming webhook, Block Kit), teams (a Microsoft"
                + " Teams Workflows webhook, Adaptive Card) or webhook (generic JSON, signed with HMAC-SHA256 over a"
                + " timestamp and the body).")
public enum ChannelKind {
    /** A Slack incoming webhook (Block Kit). */
    @JsonProperty("slack")
    SLACK,
    /** A Microsoft Teams Workflows webhook ("When a Teams webhook request is received"; Adaptive Card). */
    @JsonProperty("teams")
    TEAMS,
    /** A generic JSON webhook, signed with HMAC-SHA256 over a timestamp and the body. */
    @JsonProperty("webhook")
    WEBHOOK;

    /** Reads the wire form ({@code slack}) as well as the constant's name; JAX-RS uses it for query parameters. */
    public static ChannelKind fromString(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Only generic webhooks are signed: Slack and Teams authenticate the caller by the secret URL alone. */
    public boolean signed() {
        return this == WEBHOOK;
    }
}
