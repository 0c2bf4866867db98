package io.coverwatch.console.live;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Server-sent events for open pages: {@code finding} or {@code remediation} when one changed. Nudges that come in a
 * burst (a scenario that opens many findings) reach the page as one, at most every half second.
 */
@Path("/live")
@Authenticated
public class LiveStream {

    private static final Duration QUIET = Duration.ofMillis(500);

    private final LiveChanges changes;

    LiveStream(LiveChanges changes) {
        this.changes = changes;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.TEXT_PLAIN)
    public Multi<String> stream() {
        return changes.stream()
                .group()
                .intoLists()
                .every(QUIET)
                .filter(burst -> !burst.isEmpty())
                .map(burst -> burst.get(burst.size() - 1).name().toLowerCase(java.util.Locale.ROOT));
    }
}
