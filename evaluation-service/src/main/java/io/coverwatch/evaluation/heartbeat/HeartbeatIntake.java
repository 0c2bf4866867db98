package io.coverwatch.evaluation.heartbeat;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.evaluation.EvaluationConfig;
import io.coverwatch.evaluation.heartbeat.AgentHeartbeatStore.Stored;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Takes the heartbeat stream into the database, holding in memory the heartbeats that cannot change anything the sweep
 * or a verdict reads until they are due to be written: a row per heartbeat was what bounded the heartbeat path (9.8 µs
 * of the database's CPU each, docs/benchmarks.md, throughput), and a backlog (a burst, a restart, a broker outage)
 * holds many heartbeats of each machine, of which only the newest matters.
 *
 * <p>A heartbeat waits ({@link #canWait}) only when its machine's row, as this instance's last write left it, is watched,
 * its agent was heard within the earliest threshold (so the write would not move the machine's state), and its
 * scheduled look is later than the stream will be counted as heard ({@link #beforeHeardUpTo}). The sweep and the
 * verdicts judge a machine only once the stream is heard past its due time, so they never read a machine whose newer
 * heartbeat is held; and a held heartbeat would not change the verdict before then (its machine's last stored heartbeat
 * is within the threshold of every instant judged). Every other heartbeat is written at once, taking the held one of its
 * machine with it.
 *
 * <p>What is held is written ({@link #flush}) when the stream is about to be heard past a held machine's due time, when
 * this instance has read every partition it holds to its end (so a quiet stream shows the newest heartbeats at once),
 * when the oldest held heartbeat has waited {@code hold-at-most}, and before partitions are handed to another instance.
 * A batch is acknowledged, and its offsets committed, only once all its heartbeats are written: a crash loses what was
 * held, and the stream gives it again.
 *
 * <p>What a machine's row holds is known only from this instance's own writes. Other writers move the schedule only
 * later (the sweep and the reschedule, and only for machines due, which hold nothing), so a known due time is never
 * later than the row's; when two writes of a machine overlap, or partitions move, what is known is dropped and the
 * machine's next heartbeat is written.
 */
@ApplicationScoped
public class HeartbeatIntake {

    /** Rows per flush transaction: a flush of every held machine takes a few row locks at a time, never all. */
    private static final int ROWS_PER_TRANSACTION = 5_000;

    /** What this instance knows of one machine's row, and its heartbeat waiting to be written. */
    private static final class Machine {
        /** The row as this instance's last write left it; null when not known. */
        Stored stored;
        /** The newest heartbeat held, not written yet; null when none. */
        LatestHeartbeat held;
        /**
         * The machine's last heartbeat taken, held or written, whose strings a newer heartbeat held shares: a held
         * heartbeat lives for seconds, and its own strings, decoded anew with every heartbeat, were what the collector
         * copied and promoted (docs/benchmarks.md, throughput). Null before the first.
         */
        LatestHeartbeat described;
        /** Writes of this machine under way, flushes included. */
        int writing;
        /**
         * Writes under way of heartbeats that could not wait: one may move the machine's schedule, so until it is
         * committed the machine's heartbeats are written, not held. A flush moves nothing a held heartbeat's decision
         * relied on, so heartbeats arriving while one writes the machine are held for the next.
         */
        int writingNow;
        /** Two writes overlapped: which one the row shows is not known, so neither is kept. */
        boolean overlapped;
    }

    private final AgentHeartbeatStore store;
    private final HeartbeatPolicy policy;
    private final Clock clock;
    private final Duration holdAtMost;
    private final int knownMachines;

    private final Map<String, Machine> machines = new ConcurrentHashMap<>();
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    private final Queue<Runnable> acknowledgements = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Instant> earliestHeldDue = new AtomicReference<>(Instant.MAX);
    private final AtomicReference<Instant> firstHeldAt = new AtomicReference<>();

    /** Heartbeats are held (shared) or the stream's ceiling is raised (exclusive), never both at once. */
    private final ReadWriteLock ceilingLock = new ReentrantReadWriteLock();

    /** No heartbeat is held whose machine is due by this instant: the stream may be counted as heard up to it. */
    private Instant ceiling = Instant.MIN;

    HeartbeatIntake(AgentHeartbeatStore store, HeartbeatPolicy policy, EvaluationConfig config, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.holdAtMost = config.heartbeat().holdAtMost();
        this.knownMachines = config.heartbeat().knownMachines();
    }

    /**
     * What one batch left to write after holding what could wait.
     *
     * @param toWrite the newest heartbeat per machine that must be written now, held ones of the same machines included
     * @param held    whether any heartbeat of the batch is held: its acknowledgement then waits for the next flush
     */
    public record Taken(Collection<LatestHeartbeat> toWrite, boolean held) {}

    /** Holds the heartbeats of a batch that can wait, and returns the rest to {@link #write}. */
    public Taken take(Collection<AgentHeartbeat> heartbeats) {
        Instant now = clock.instant();
        Duration earliest = policy.earliest();
        List<LatestHeartbeat> toWrite = new ArrayList<>();
        boolean[] held = {false};
        ceilingLock.readLock().lock();
        try {
            for (LatestHeartbeat heartbeat : LatestHeartbeat.coalesce(heartbeats)) {
                String key = heartbeat.resourceKey();
                if (machines.size() >= knownMachines && !machines.containsKey(key)) {
                    toWrite.add(heartbeat); // beyond the machines this instance keeps: written as it comes
                    continue;
                }
                machines.compute(key, (k, machine) -> {
                    Machine one = machine == null ? new Machine() : machine;
                    LatestHeartbeat newest = one.held == null ? heartbeat : one.held.newest(heartbeat);
                    if (one.writingNow == 0 && canWait(one.stored, heartbeat, ceiling, now, earliest)) {
                        if (one.held == null) {
                            holding.add(key); // a machine held stays in it until a flush takes its heartbeat
                        }
                        one.held = newest.sharingStringsOf(one.described);
                        one.described = one.held;
                        earliestHeldDue.accumulateAndGet(one.stored.dueAt(), HeartbeatIntake::earlier);
                        firstHeldAt.compareAndSet(null, now);
                        held[0] = true;
                    } else {
                        one.described = newest;
                        toWrite.add(newest);
                        // Written with this one: a flush must not write it again after it, with its older description.
                        one.held = null;
                        startWriting(one, true);
                    }
                    return one;
                });
            }
        } finally {
            ceilingLock.readLock().unlock();
        }
        return new Taken(toWrite, held[0]);
    }

    /**
     * Whether a heartbeat can wait in memory rather than be written now: the write would move neither the machine's
     * state nor a look the sweep could take before the stream is heard past {@code ceiling}. That is, the machine is
     * watched and due after the ceiling, and each agent the heartbeat is from was heard within the earliest threshold
     * (as {@code MOVES_STATE} in {@link AgentHeartbeatStore} tells it); a machine whose row is not known never waits.
     */
    static boolean canWait(
            Stored stored, LatestHeartbeat heartbeat, Instant ceiling, Instant now, Duration earliestThreshold) {
        return stored != null
                && stored.dueAt() != null
                && stored.dueAt().isAfter(ceiling)
                && heardWithin(heartbeat.lastAzureMonitorAgent(), stored.lastAma(), now, earliestThreshold)
                && heardWithin(heartbeat.lastLegacyAgent(), stored.lastLegacy(), now, earliestThreshold);
    }

    private static boolean heardWithin(Instant heartbeat, Instant stored, Instant now, Duration earliestThreshold) {
        return heartbeat == null
                || (stored != null && stored.plus(earliestThreshold).isAfter(now));
    }

    /**
     * Writes heartbeats {@link #take} returned, in a transaction of their own; call it again with the same ones when it
     * fails. Once committed, what the rows hold is kept for the machines' next heartbeats.
     */
    public void write(Collection<LatestHeartbeat> heartbeats) {
        write(heartbeats, true);
    }

    /** @param now whether they are heartbeats that could not wait, rather than a flush's */
    private void write(Collection<LatestHeartbeat> heartbeats, boolean now) {
        if (heartbeats.isEmpty()) {
            return;
        }
        Map<String, Stored> stored = QuarkusTransaction.requiringNew()
                .call(() -> store.record(heartbeats, policy.earliest(), clock.instant()));
        for (LatestHeartbeat heartbeat : heartbeats) {
            machines.computeIfPresent(heartbeat.resourceKey(), (key, machine) -> {
                machine.writing--;
                if (now) {
                    machine.writingNow--;
                }
                if (machine.writing == 0) {
                    machine.stored = machine.overlapped ? null : stored.get(key);
                    machine.overlapped = false;
                }
                return machine;
            });
        }
    }

    /** Acknowledges a batch once what it held has been written (at once when it held nothing). */
    public void acknowledgeWhenWritten(Taken taken, Runnable acknowledgement) {
        if (taken.held()) {
            acknowledgements.add(acknowledgement);
        } else {
            acknowledgement.run();
        }
    }

    /**
     * Called before the stream is counted as heard up to {@code reach} (the latest of this instance's partitions): from
     * now on no heartbeat waits whose machine is due by then, and what waits is written if a machine is due by then,
     * if {@code caughtUp} (every partition this instance holds is read to its end), or if it has waited long enough.
     * Throws when the write fails; the stream must then not be counted as heard further.
     */
    public void beforeHeardUpTo(Instant reach, boolean caughtUp) {
        ceilingLock.writeLock().lock();
        try {
            if (reach.isAfter(ceiling)) {
                ceiling = reach;
            }
        } finally {
            ceilingLock.writeLock().unlock();
        }
        Instant first = firstHeldAt.get();
        boolean due = !earliestHeldDue.get().isAfter(reach);
        boolean waitedLongEnough = first != null && !first.plus(holdAtMost).isAfter(clock.instant());
        if (due || caughtUp || waitedLongEnough || !acknowledgements.isEmpty() && holding.isEmpty()) {
            flush();
        }
    }

    /**
     * Writes every heartbeat held, in transactions of {@link #ROWS_PER_TRANSACTION}, then acknowledges the batches that
     * were waiting for it. Partitions are about to move: what this instance knows of the rows is dropped, as the next
     * owner may write them.
     */
    public void flushAndForget() {
        flush();
        for (String key : machines.keySet()) {
            machines.computeIfPresent(key, (k, machine) -> {
                machine.stored = null;
                return machine;
            });
        }
    }

    /** Writes every heartbeat held, then acknowledges the batches whose heartbeats were held before it began. */
    public synchronized void flush() {
        // Acknowledgements first: a batch queues its own only after holding, so whatever it held is taken below (or
        // by a write of a newer heartbeat of the same machine, which the stream gives again if that write is lost).
        List<Runnable> waiting = new ArrayList<>();
        for (Runnable acknowledgement; (acknowledgement = acknowledgements.poll()) != null; ) {
            waiting.add(acknowledgement);
        }
        earliestHeldDue.set(Instant.MAX);
        firstHeldAt.set(null);
        List<LatestHeartbeat> taken = new ArrayList<>();
        for (String key : holding) {
            machines.computeIfPresent(key, (k, machine) -> {
                holding.remove(k);
                if (machine.held != null) {
                    taken.add(machine.held);
                    machine.held = null;
                    startWriting(machine, false);
                }
                return machine;
            });
        }
        taken.sort((a, b) -> a.resourceKey().compareTo(b.resourceKey()));
        int written = 0;
        try {
            for (; written < taken.size(); written += ROWS_PER_TRANSACTION) {
                write(taken.subList(written, Math.min(taken.size(), written + ROWS_PER_TRANSACTION)), false);
            }
        } catch (RuntimeException e) {
            // Held again, to be written by the next flush; the batches wait for it.
            for (LatestHeartbeat heartbeat : taken.subList(written, taken.size())) {
                machines.computeIfPresent(heartbeat.resourceKey(), (key, machine) -> {
                    machine.writing--;
                    machine.stored = null;
                    machine.held = machine.held == null ? heartbeat : heartbeat.newest(machine.held);
                    holding.add(key);
                    return machine;
                });
            }
            firstHeldAt.compareAndSet(null, clock.instant());
            earliestHeldDue.set(Instant.MIN);
            acknowledgements.addAll(waiting);
            throw e;
        }
        waiting.forEach(Runnable::run);
    }

    private static void startWriting(Machine machine, boolean now) {
        if (machine.writing > 0) {
            machine.overlapped = true;
        }
        machine.writing++;
        if (now) {
            machine.writingNow++;
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
