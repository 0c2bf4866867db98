package io.coverwatch.evaluation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/** Settings of evaluation-service ({@code coverwatch.evaluation.*}). */
@ConfigMapping(prefix = "coverwatch.evaluation")
public interface EvaluationConfig {

    /** CloudEvents {@code source} of the findings this service publishes. */
    @WithDefault("/coverwatch/evaluation-service")
    String eventSource();

    /** Agent heartbeats and the staleness sweep. */
    Heartbeat heartbeat();

    /** The secure score's reckoning in the background. */
    Score score();

    /** How far back Defender alerts and security events count for the cross-signal rules. */
    @WithDefault("24h")
    Duration signalWindow();

    /** How often coverage per subscription and kind is recorded for its history. */
    @WithDefault("5m")
    Duration coverageSnapshotInterval();

    /**
     * How long coverage history is kept (the API shows at most a year back). Older snapshots are deleted in batches
     * of {@link #pruneBatchSize()} every {@link #pruneInterval()}.
     */
    @WithDefault("366d")
    Duration coverageHistoryRetention();

    /** How often coverage snapshots past their retention are deleted. */
    @WithDefault("10m")
    Duration pruneInterval();

    /** How many rows one pruning transaction deletes. */
    @WithDefault("1000")
    int pruneBatchSize();

    interface Score {
        /**
         * How soon the score is reckoned again, while someone reads it, after this instance changed what it counts; a
         * read is served a reckoning older than twice this only when nothing changed since.
         */
        @WithDefault("1s")
        Duration refreshInterval();

        /**
         * How often, while someone reads the score and this instance changed nothing it counts, the database's count of
         * rows written to what it counts is looked at (a lookup, not a reckoning): what other instances changed is
         * reckoned within this and the database's statistics' lag of a second or a few.
         */
        @WithDefault("5s")
        Duration unchangedRefreshInterval();

        /** How long after the last read the score is still reckoned in the background. */
        @WithDefault("1m")
        Duration watchedFor();
    }

    interface Heartbeat {
        /** How old the last Azure Monitor Agent heartbeat may be before the agent counts as down. */
        @WithDefault("15m")
        Duration threshold();

        /** Thresholds for whole subscriptions, by subscription ID; they override the default. */
        Map<String, Duration> subscriptionThresholds();

        /**
         * Thresholds for tagged resources, keyed {@code name=value} (quote the key in properties); they override the
         * subscription's and the default.
         */
        Map<String, Duration> tagThresholds();

        /**
         * How often the sweep looks for agents that went silent; a finding opens within this of the threshold (and of the
         * heartbeat stream being heard past it). A quiet sweep is two index lookups, so four a second cost little and
         * halve the mean wait for the next sweep (125 ms, against 250 ms at 500 ms).
         */
        @WithDefault("250ms")
        Duration sweepInterval();

        /**
         * How many due machines one sweep transaction evaluates, at most. A machine's finding is published when the
         * transaction that evaluated it commits, so a burst of silent agents (a network outage) goes out piece by piece,
         * the first findings while later machines are still being evaluated. One transaction for a whole burst held every
         * finding back until the last machine was done (10 to 15 s for 333 machines on a loaded machine). A piece costs a
         * dozen statements whatever its size, so pieces of 25 spent the outage's seconds on round trips: pieces of 100
         * evaluated its thousand machines in about 3.5 s rather than 4.7 (docs/benchmarks.md, detection runs 30–31).
         */
        @WithDefault("100")
        int sweepBatchSize();

        /**
         * How many transactions evaluate pieces of a burst side by side on this instance, each claiming its own machines
         * ({@code SKIP LOCKED}). The extra ones join as soon as a claim comes back full, so a quiet sweep is one query.
         */
        @WithDefault("2")
        int sweepWorkers();

        /**
         * How often this instance tells how far it has read the heartbeat partitions it holds, and learns how far all of
         * them have been read: silence is judged at that instant, so this much is added to the time a silent agent
         * takes to be found, and a backlog never makes a machine whose heartbeats are queued silent.
         */
        @WithDefault("100ms")
        Duration streamProbeInterval();

        /**
         * How long a heartbeat that changes nothing the sweep or a verdict reads may wait in memory before it is written
         * (it is written sooner when its machine falls due or the stream is read to its end): what the agents table's
         * last heartbeats may lag while the stream is behind, and how much of it a crash makes the stream give again.
         * Well under the consumer's 60 s limit for a record not acknowledged.
         */
        @WithDefault("10s")
        Duration holdAtMost();

        /**
         * How many machines this instance keeps what it last wrote for, to tell which heartbeats can wait: about 650
         * bytes each, the strings of the machine's last heartbeat included, which a held one shares. The heartbeats of
         * machines beyond it are written as they come.
         */
        @WithDefault("200000")
        int knownMachines();
    }
}
