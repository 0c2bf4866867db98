package io.coverwatch.notification.selftest;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;

/**
 * The self-test on a schedule ({@code coverwatch.notification.test-alert.every}, off by default): each run judges the
 * canaries past their deadline, alarming for those that did not arrive, and sends a new one.
 */
@ApplicationScoped
class TestAlertSchedule {

    private final TestAlerts testAlerts;
    private final Clock clock;

    TestAlertSchedule(TestAlerts testAlerts, Clock clock) {
        this.testAlerts = testAlerts;
        this.clock = clock;
    }

    @Scheduled(
            every = "${coverwatch.notification.test-alert.every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        QuarkusTransaction.requiringNew().run(() -> {
            testAlerts.judgeOverdue(clock.instant());
            testAlerts.inject("schedule", clock.instant());
        });
    }
}
