package io.coverwatch.notification.channel;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At every start, seals the channel secrets that are still in the clear (rows from before sealing) or under a retired
 * key, so key rotation completes with one restart.
 */
@ApplicationScoped
class ChannelSecrets {

    private static final Logger LOG = Logger.getLogger(ChannelSecrets.class);

    void onStart(@Observes StartupEvent start, ChannelStore channels) {
        int resealed = QuarkusTransaction.requiringNew().call(channels::reseal);
        if (resealed > 0) {
            LOG.infof("Sealed the secrets of %d channel(s) with the current key", resealed);
        }
    }
}
