package io.coverwatch.bench;

import io.coverwatch.localinfra.PostgresServer;
import io.coverwatch.localrun.CoverwatchService;
import io.coverwatch.localrun.LocalStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Coverwatch's own fault drills ({@code ./bench/run faults}): the whole local stack, a workload with a known answer
 * ({@link DrillWorkload}), and one fault after another mid-stream, each followed by a check that every expected
 * finding exists exactly once, every expected notice reached the webhook, and every group's messages arrived once and
 * in order. One line per drill; any loss, duplicate or inversion fails the run.
 *
 * <p>Options ({@code --name=value}), the values by default so a development run can shorten them:
 * {@code --drills=kill,broker-kill,broker-freeze,database,webhook-500,webhook-429}, {@code --kill-rounds=10} (each
 * round kills each of the four services once), {@code --broker-freeze=60s}, {@code --database-outage=60s},
 * {@code --webhook-outage=3m}, {@code --retry-after=20s}, {@code --settle=5m} (how long a drill may take to converge),
 * {@code --change-every=3s}, {@code --subscriptions=10}, {@code --machines-per-subscription=60}.
 */
final class FaultDrills {

    private static final List<String> ALL_DRILLS =
            List.of("kill", "broker-kill", "broker-freeze", "database", "webhook-500", "webhook-429");
    /** The pause between two kills of the kill drill, while the stream of changes goes on. */
    private static final Duration BETWEEN_KILLS = Duration.ofSeconds(5);

    private FaultDrills() {}

    static void run(Bench.Workspace workspace) throws Exception {
        Map<String, String> options = options(workspace.options());
        List<String> drills = List.of(options.get("drills").split(","));
        for (String drill : drills) {
            if (!ALL_DRILLS.contains(drill)) {
                throw new IllegalArgumentException("unknown drill " + drill + "; the drills are " + ALL_DRILLS);
            }
        }
        Estate estate = new Estate(
                integer(options, "subscriptions") * integer(options, "machines-per-subscription"),
                integer(options, "machines-per-subscription"));
        List<DrillResult> results = new ArrayList<>();
        String audit = "audit: not measured";
        try (WebhookReceiver receiver = new WebhookReceiver(DrillWorkload.RULES.get(0))) {
            LocalStack stack = LocalStack.start(
                    workspace.repositoryRoot(),
                    workspace.resultsDir().resolve("faults-" + UUID.randomUUID()),
                    false,
                    CoverwatchService.DOMAIN_SERVICES,
                    Map.of(
                            "coverwatch.inventory.demo.enabled", "false",
                            "coverwatch.notification.webhooks.allowed-hosts", "127.0.0.1",
                            "coverwatch.notification.webhooks.plain-http-hosts", "127.0.0.1"));
            try {
                Rest.signIn(stack);
                try (DrillWorkload workload = new DrillWorkload(
                        stack, estate, receiver, duration(options, "change-every"), duration(options, "settle"))) {
                    workload.setUp();
                    for (String drill : drills) {
                        DrillResult result = workload.drill(drill, () -> fault(drill, stack, receiver, options));
                        System.out.println(result.line());
                        results.add(result);
                    }
                }
                audit = auditGrowth(stack.infra().postgres());
                System.out.println(audit);
            } finally {
                stack.close();
                stack.infra().deleteData();
            }
        }
        Report report = new Report("faults", "faults (one line per drill; any loss, duplicate or inversion fails)");
        report.put("options", options);
        results.forEach(result -> report.put(result.drill(), result.line()));
        report.put("audit", audit);
        report.write(workspace.resultsDir());
        List<String> failed = results.stream()
                .filter(r -> !r.passed())
                .map(DrillResult::drill)
                .toList();
        if (!failed.isEmpty()) {
            throw new IllegalStateException("drills failed: " + failed);
        }
    }

    /**
     * The audit trails are kept whole (append-only, never pruned), so what they cost is measured rather than bounded:
     * remediation's trail in rows and bytes (table and indexes) per 1,000 remediations, over every remediation the
     * drills' findings planned; notification's trail grows with people's actions (channels, silences, re-drives),
     * not with the stream, and is shown for comparison.
     */
    private static String auditGrowth(PostgresServer postgres) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(), postgres.password());
                Statement statement = connection.createStatement();
                ResultSet sizes = statement.executeQuery(
                        """
                        select (select count(*) from remediation.remediation),
                               (select count(*) from remediation.remediation_audit),
                               pg_total_relation_size('remediation.remediation_audit'),
                               (select count(*) from notification.audit_entry),
                               pg_total_relation_size('notification.audit_entry')""")) {
            sizes.next();
            long remediations = sizes.getLong(1);
            long rows = sizes.getLong(2);
            long bytes = sizes.getLong(3);
            double per1000 = remediations == 0 ? 0 : 1000.0 / remediations;
            return String.format(
                    Locale.ROOT,
                    "audit          remediations %d  audit rows %d (%.1f per remediation)  %.0f KB per 1,000"
                            + " remediations  (notification's audit: %d rows, %d KB)",
                    remediations,
                    rows,
                    remediations == 0 ? 0.0 : (double) rows / remediations,
                    bytes * per1000 / 1024,
                    sizes.getLong(4),
                    sizes.getLong(5) / 1024);
        }
    }

    /** Injects one drill's fault while the workload's stream runs; returns once the fault is over. */
    private static void fault(String drill, LocalStack stack, WebhookReceiver receiver, Map<String, String> options)
            throws Exception {
        switch (drill) {
            case "kill" -> {
                for (int round = 1; round <= integer(options, "kill-rounds"); round++) {
                    for (CoverwatchService service : CoverwatchService.DOMAIN_SERVICES) {
                        killHard(stack.process(service).pid());
                        stack.restart(service);
                        Thread.sleep(BETWEEN_KILLS.toMillis());
                    }
                }
            }
            case "broker-kill" -> {
                killHard(stack.infra().kafka().process().pid());
                stack.infra().restartKafka();
            }
            case "broker-freeze" -> stack.infra().withKafkaFrozen(() -> sleep(duration(options, "broker-freeze")));
            case "database" -> stack.infra().withPostgresStopped(() -> sleep(duration(options, "database-outage")));
            case "webhook-500" -> outage(receiver, 500, Duration.ZERO, duration(options, "webhook-outage"));
            case "webhook-429" ->
                outage(receiver, 429, duration(options, "retry-after"), duration(options, "webhook-outage"));
            default -> throw new IllegalArgumentException(drill);
        }
    }

    private static void outage(WebhookReceiver receiver, int status, Duration retryAfter, Duration length) {
        receiver.answer(status, retryAfter);
        try {
            sleep(length);
        } finally {
            receiver.answer(200, Duration.ZERO);
        }
    }

    /** {@code kill -9}, then waits until the process is gone. */
    private static void killHard(long pid) throws Exception {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(pid + " is gone"));
        process.destroyForcibly();
        process.onExit().get();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, String> options(List<String> args) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("drills", String.join(",", ALL_DRILLS));
        options.put("kill-rounds", "10");
        options.put("broker-freeze", "60s");
        options.put("database-outage", "60s");
        options.put("webhook-outage", "3m");
        options.put("retry-after", "20s");
        options.put("settle", "5m");
        options.put("change-every", "3s");
        options.put("subscriptions", "10");
        options.put("machines-per-subscription", "60");
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 2 ? arg.substring(2, equals) : null;
            if (name == null || !options.containsKey(name)) {
                throw new IllegalArgumentException(
                        "unknown option " + arg + "; faults takes --name=value for " + options.keySet());
            }
            options.put(name, arg.substring(equals + 1));
        }
        return options;
    }

    private static int integer(Map<String, String> options, String name) {
        return Integer.parseInt(options.get(name));
    }

    /** {@code 90s}, {@code 3m}, {@code 500ms}. */
    static Duration duration(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            default ->
                throw new IllegalArgumentException(
                        "--" + name + "=" + value + ": a duration is a number and s, m or ms");
        };
    }

    /** What one drill measured. */
    record DrillResult(
            String drill,
            Duration duration,
            int messages,
            int duplicates,
            int losses,
            int inversions,
            Duration recovery,
            boolean converged,
            String detail) {

        boolean passed() {
            return converged && duplicates == 0 && losses == 0 && inversions == 0;
        }

        String line() {
            return String.format(
                    "%-14s %-4s duration %5.0f s  messages %4d  duplicates %d  losses %d  inversions %d"
                            + "  recovery %s%s",
                    drill,
                    passed() ? "PASS" : "FAIL",
                    duration.toMillis() / 1e3,
                    messages,
                    duplicates,
                    losses,
                    inversions,
                    converged ? String.format("%.1f s", recovery.toMillis() / 1e3) : "none (did not converge)",
                    detail.isEmpty() ? "" : "  (" + detail + ")");
        }
    }

    /** A drill's fault, which may throw. */
    interface Fault {
        void inject() throws Exception;
    }
}
