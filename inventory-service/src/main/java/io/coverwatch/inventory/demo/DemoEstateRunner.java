package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.inventory.azure.AzureConfig;
import io.coverwatch.inventory.heartbeat.HeartbeatPublisher;
import io.coverwatch.inventory.resource.ResourceInventory;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Runs the demo estate: loads it at startup and records every resource, sends its heartbeats every interval, and
 * applies scenarios and remediation actions, recording each changed resource so inventory publishes it.
 */
@ApplicationScoped
public class DemoEstateRunner {

    /** The origin of everything the demo estate publishes. */
    public static final String ORIGIN = "demo";

    static final String HEARTBEAT_JOB = "coverwatch-demo-heartbeats";

    private static final Logger LOG = Logger.getLogger(DemoEstateRunner.class);

    private final DemoConfig config;
    private final AzureConfig azure;
    private final DemoEstate estate;
    private final ResourceInventory inventory;
    private final HeartbeatPublisher heartbeats;
    private final Scheduler scheduler;
    private final Clock clock;

    DemoEstateRunner(
            DemoConfig config,
            AzureConfig azure,
            DemoEstate estate,
            ResourceInventory inventory,
            HeartbeatPublisher heartbeats,
            Scheduler scheduler,
            Clock clock) {
        this.config = config;
        this.azure = azure;
        this.estate = estate;
        this.inventory = inventory;
        this.heartbeats = heartbeats;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** After the topics exist (default observer priority): an estate that cannot be read stops the service. */
    void start(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent startup) {
        if (!config.enabled()) {
            LOG.info("Demo estate off (coverwatch.inventory.demo.enabled=false)");
            return;
        }
        if (azure.enabled()) {
            LOG.info("Demo estate off: the estate comes from Azure (coverwatch.inventory.azure.enabled=true)");
            return;
        }
        List<DemoResource> loaded = EstateFile.load(config.estate());
        estate.load(loaded);
        long changed = loaded.stream()
                .filter(demo -> inventory.record(demo.resource(), ORIGIN))
                .count();
        Instant now = clock.instant();
        estate.queue(loaded.stream()
                .map(demo -> DemoHeartbeats.last(demo, now))
                .flatMap(Optional::stream)
                .toList());
        LOG.infof(
                "Demo estate %s: %d resources, %d new or changed; heartbeats every %s",
                config.estate(), loaded.size(), changed, config.heartbeatInterval());
        sendHeartbeats();
        String interval = config.heartbeatInterval().toString();
        scheduler
                .newJob(HEARTBEAT_JOB)
                .setInterval(interval)
                .setDelayed(interval)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> sendHeartbeats())
                .schedule();
    }

    /**
     * One round: the heartbeats still queued, then one per running agent of every running machine, dated now. A round
     * that cannot be sent is logged; queued heartbeats wait for the next round, live ones are simply missed (as a real
     * agent's would be).
     */
    void sendHeartbeats() {
        List<AgentHeartbeat> queued = estate.takeQueued();
        List<AgentHeartbeat> round = new ArrayList<>(queued);
        Instant now = clock.instant();
        estate.all().forEach(demo -> round.addAll(DemoHeartbeats.at(demo, now)));
        try {
            heartbeats.publish(round, ORIGIN);
        } catch (RuntimeException e) {
            estate.queue(queued);
            LOG.warnf("Demo heartbeats not sent, next round in %s: %s", config.heartbeatInterval(), e.toString());
        }
    }

    /** Plays a scenario on the resource the request names. */
    public Outcome play(Scenario scenario, DemoRequest request) {
        return change(request, scenario::apply);
    }

    /** Applies a remediation action to the resource the request names. */
    public Outcome apply(DemoAction action, DemoRequest request) {
        return change(request, action::apply);
    }

    /**
     * What a change did.
     *
     * @param published whether the resource's state changed, so inventory published it
     * @param sendsHeartbeats the categories of the heartbeats the resource now sends
     */
    public record Outcome(DemoResource resource, boolean published, List<String> sendsHeartbeats) {}

    private Outcome change(DemoRequest request, DemoChange change) {
        boolean[] published = {false};
        DemoResource changed = estate.update(request.target(), current -> {
            DemoResource next = change.apply(current, request, clock.instant());
            published[0] = inventory.record(next.resource(), ORIGIN);
            return next;
        });
        List<String> categories = DemoHeartbeats.at(changed, clock.instant()).stream()
                .map(AgentHeartbeat::category)
                .toList();
        return new Outcome(changed, published[0], categories);
    }
}
