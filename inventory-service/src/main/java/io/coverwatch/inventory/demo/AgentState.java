package io.coverwatch.inventory.demo;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Whether an agent on a demo machine is running (it sends heartbeats while its machine runs) or stopped. */
public enum AgentState {
    RUNNING,
    STOPPED;

    /** The spelling in the estate file and the API: {@code running} or {@code stopped}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AgentState> parse(String spelling) {
        return Arrays.stream(values())
                .filter(state -> state.spelling().equals(spelling))
                .findFirst();
    }
}
