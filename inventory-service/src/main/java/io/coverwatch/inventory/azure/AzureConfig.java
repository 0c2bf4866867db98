package io.coverwatch.inventory.azure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How inventory-service reads the estate from Azure Resource Manager ({@code coverwatch.inventory.azure.*}).
 * Credentials never appear here: the service signs in with {@code DefaultAzureCredential} (a managed identity in
 * production, environment variables or the Azure CLI elsewhere).
 */
@ConfigMapping(prefix = "coverwatch.inventory.azure")
public interface AzureConfig {

    /** Whether Azure is read at all. Off by default: a fresh install and the demo run need no Azure. */
    @WithDefault("false")
    boolean enabled();

    /**
     * The subscription IDs to read. Empty (the default) means every subscription the identity can see; a listed
     * subscription the identity cannot see is reported in its sync status as missing permissions.
     */
    Optional<List<String>> subscriptions();

    /**
     * Subscription IDs treated as production (coverage target 100 %). A subscription tagged {@code env} or
     * {@code environment} = {@code prod}/{@code production} counts as production too.
     */
    Optional<List<String>> productionSubscriptions();

    /** Which Azure cloud to talk to; {@code CUSTOM} takes the two endpoints below. */
    @WithDefault("AZURE")
    Environment environment();

    /** Resource Manager endpoint of a {@code CUSTOM} environment, for example {@code https://management.example/}. */
    Optional<String> resourceManagerEndpoint();

    /** Microsoft Entra authority host of a {@code CUSTOM} environment, for example {@code https://login.example/}. */
    Optional<String> authorityHost();

    /** How often the whole estate is read again. Events keep inventory fresh between full syncs. */
    @WithDefault("15m")
    Duration fullSyncInterval();

    /** How long after start-up the first scheduled full sync runs. */
    @WithDefault("10s")
    Duration firstSyncDelay();

    /**
     * How long a targeted refresh waits after the first change reported for a resource: a burst of changes to it is
     * read once, and Resource Graph, which follows Resource Manager within seconds, has caught up.
     */
    @WithDefault("5s")
    Duration refreshDelay();

    /**
     * Subscriptions a full sync reads and records at a time (at most 1,000, Resource Graph's limit per query): their
     * rows are held in memory until recorded, about 7 MB per 1,000 resources, so the tenant's size never decides the
     * heap a sync needs. Two reads are held at once (the next is read while the last is recorded): at four, about 60 MB
     * of a 256 MB heap for subscriptions of 1,000 resources; at ten it was 140 MB, and the collector took half of the
     * service's CPU (docs/benchmarks.md, onboard, runs 9–15).
     */
    @WithDefault("4")
    @Max(AzureDiscovery.SUBSCRIPTIONS_PER_QUERY)
    @Positive
    int subscriptionsPerRead();

    /** Resources read by one targeted Resource Graph query. */
    @WithDefault("100")
    int refreshBatchSize();

    /** When more resources than this wait for a targeted refresh at once, one full sync reads them instead. */
    @WithDefault("1000")
    int refreshFullSyncAbove();

    /**
     * How many times a targeted refresh reads a resource whose row contradicts the change Azure reported (a deleted
     * resource or extension still there, a new extension or association not there yet) before it takes the row as
     * it is.
     */
    @WithDefault("3")
    int refreshChecks();

    /** Concurrent Resource Manager reads that have no Resource Graph table (workspace settings, one per subscription). */
    @WithDefault("8")
    int restConcurrency();

    /** Rows per Resource Graph page ({@code $top}); Resource Graph allows at most 1000. */
    @WithDefault("1000")
    int pageSize();

    /** Per-request timeout towards Azure (connect, read and response each). */
    @WithDefault("60s")
    Duration requestTimeout();

    /**
     * Extra trust store (PKCS#12) for the TLS certificates of the Azure endpoints: for a private or sovereign cloud
     * whose CA the JVM does not trust, or for a local HTTPS fake. Unset: the JVM's default trust.
     */
    Optional<Path> trustStore();

    /** Password of {@link #trustStore()}; a trust store holds only public certificates. */
    Optional<String> trustStorePassword();

    /** The Azure clouds Coverwatch knows. */
    enum Environment {
        /** Azure public cloud. */
        AZURE,
        /** Azure operated by 21Vianet (China). */
        AZURE_CHINA,
        /** Azure US Government. */
        AZURE_US_GOVERNMENT,
        /** Any other endpoints: {@code resource-manager-endpoint} and {@code authority-host}. */
        CUSTOM
    }
}
