package io.coverwatch.inventory.demo;

import io.coverwatch.contracts.AgentHeartbeat;
import io.coverwatch.inventory.azure.AzureConfig;
import io.coverwatch.inventory.heartbeat.HeartbeatPublisher;
import io.coverwatch.inventory.resource.ResourceInventory;
import io.coverwatch.inventory.signal.SecurityPublisher;
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
import org.jboss.logging.Logger;

/**
 * Runs the demo estate: loads it at startup and records every resource, publishes its Defender recommendations and
 * alerts once, sends its heartbeats and security events every interval, and applies scenarios and remediation
 * actions, recording each changed resource so inventory publishes it.
 */
@ApplicationScoped
public class DemoEstateRunner {

    /** The origin of everything the demo estate publishes. */
    public static final String ORIGIN = "demo";

    static final String ROUND_JOB = "coverwatch-demo-rounds";

    private static final Logger LOG = Logger.getLogger(DemoEstateRunner.class);

    private final DemoConfig config;
    private final AzureConfig azure;
    private final DemoEstate estate;
    private final ResourceInventory inventory;
    private final HeartbeatPublisher heartbeats;
    private final SecurityPublisher security;
    private final Scheduler scheduler;
    private final Clock clock;

    DemoEstateRunner(
            DemoConfig config,
            AzureConfig azure,
            DemoEstate estate,
            ResourceInventory inventory,
            HeartbeatPublisher heartbeats,
            SecurityPublisher security,
            Scheduler scheduler,
            Clock clock) {
        this.config = config;
        this.azure = azure;
        this.estate = estate;
        this.inventory = inventory;
        this.heartbeats = heartbeats;
        this.security = security;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /** After the topics exist (module topics, before the channels open): an estate that cannot be read stops the service. */
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
        estate.queue(DemoRound.merge(
                loaded.stream().map(demo -> DemoRound.atStartup(demo, now)).toList()));
        LOG.infof(
                "Demo estate %s: %d resources, %d new or changed; heartbeats and security events every %s",
                config.estate(), loaded.size(), changed, config.heartbeatInterval());
        sendRound();
        String interval = config.heartbeatInterval().toString();
        scheduler
                .newJob(ROUND_JOB)
                .setInterval(interval)
                .setDelayed(interval)
                .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                .setTask(execution -> sendRound())
                .schedule();
    }

    /**
     * One round: whatever is still queued, then the heartbeats and security events of every running machine, dated
     * now. A round that cannot be sent is logged; what was queued waits for the next round, live heartbeats and
     * events are simply missed (as a real agent's would be).
     */
    void sendRound() {
        DemoRound queued = estate.takeQueued();
        Instant now = clock.instant();
        List<DemoRound> parts = new ArrayList<>();
        parts.add(queued);
        estate.all().forEach(demo -> parts.add(DemoRound.live(demo, now)));
        DemoRound round = DemoRound.merge(parts);
        try {
            heartbeats.publish(round.heartbeats(), ORIGIN);
            security.publish(round.assessments(), round.signals(), ORIGIN);
        } catch (RuntimeException e) {
            estate.queue(queued);
            LOG.warnf("Demo round not sent, next one in %s: %s", config.heartbeatInterval(), e.toString());
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
     * @param sendsSecurityEvents whether the resource now sends Windows security events
     */
    public record Outcome(
            DemoResource resource, boolean published, List<String> sendsHeartbeats, boolean sendsSecurityEvents) {}

    private Outcome change(DemoRequest request, DemoChange change) {
        boolean[] published = {false};
        DemoResource changed = estate.update(request.target(), current -> {
            DemoResource next = change.apply(current, request, clock.instant());
            published[0] = inventory.record(next.resource(), ORIGIN);
            return next;
        });
        Instant now = clock.instant();
        List<String> categories = DemoHeartbeats.at(changed, now).stream()
                .map(AgentHeartbeat::category)
                .toList();
        return new Outcome(
                changed,
                published[0],
                categories,
                !DemoSecurity.events(changed, now).isEmpty());
    }
}
