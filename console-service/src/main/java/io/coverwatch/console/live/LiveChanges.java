package io.coverwatch.console.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Turns every finding that opens, resolves or changes, and every remediation step, into a nudge for open pages. The
 * nudge carries nothing of the event: a page fetches what changed through the APIs, with its own person's token, so a
 * page never shows what that person may not read.
 */
@ApplicationScoped
public class LiveChanges {

    /** What a nudge names: which kind of thing changed. */
    public enum Change {
        FINDING,
        REMEDIATION
    }

    private final BroadcastProcessor<Change> changes = BroadcastProcessor.create();

    @Incoming("evaluation-findings")
    void findingChanged(byte[] event) {
        changes.onNext(Change.FINDING);
    }

    @Incoming("remediation-events")
    void remediationChanged(byte[] event) {
        changes.onNext(Change.REMEDIATION);
    }

    /** The nudges from now on. */
    public Multi<Change> stream() {
        return changes;
    }
}
