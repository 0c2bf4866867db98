package io.coverwatch.localrun;

import io.coverwatch.localinfra.ChildProcess;
import io.coverwatch.localinfra.LocalInfra;
import io.coverwatch.localinfra.LocalTokenIssuer;
import io.coverwatch.localinfra.LoopbackPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole of Coverwatch on this machine: a real Kafka broker, a real PostgreSQL, the four services and the console
 * as their built fast-jars, each in its own process that dies with this JVM. The services are configured exactly as
 * docker-compose.yml configures them: through {@code QUARKUS_*}/{@code KAFKA_*} environment variables.
 */
public final class LocalStack implements AutoCloseable {

    /** Ports of the local run: the broker, database and token issuer on their usual ports, the services on theirs. */
    public static final Map<String, Integer> DEFAULT_INFRA_PORTS =
            Map.of("kafka", 9092, "postgres", 5432, "token-issuer", 8090);

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    private final LocalInfra infra;
    private final Path repositoryRoot;
    private final Path workDir;
    private final Map<CoverwatchService, URI> urls;
    private final Map<CoverwatchService, URI> managementUrls;
    private final List<ChildProcess> services;
    private final Map<CoverwatchService, ChildProcess> firstInstances = new ConcurrentHashMap<>();
    private final Map<String, String> overrides;
    private final AtomicInteger restarts = new AtomicInteger();

    private LocalStack(
            LocalInfra infra,
            Path repositoryRoot,
            Path workDir,
            Map<CoverwatchService, URI> urls,
            Map<CoverwatchService, URI> managementUrls,
            List<ChildProcess> services,
            Map<String, String> overrides) {
        this.infra = infra;
        this.repositoryRoot = repositoryRoot;
        this.workDir = workDir;
        this.urls = urls;
        this.managementUrls = managementUrls;
        this.services = services;
        this.overrides = Map.copyOf(overrides);
    }

    /**
     * Starts the infrastructure, then the four services, and returns once every service reports ready on
     * {@code /q/health/ready} of its management interface (Kafka and the database reachable).
     *
     * @param repositoryRoot the checkout, whose services have been built with {@code ./mvnw package}
     * @param defaultPorts   the usual fixed ports (local run) instead of free ones (tests)
     */
    public static LocalStack start(Path repositoryRoot, Path workDir, boolean defaultPorts) {
        return start(repositoryRoot, workDir, defaultPorts, EnumSet.allOf(CoverwatchService.class), Map.of());
    }

    /**
     * Starts only some of the services (benchmarks measure one service at a time), with extra configuration for
     * every service (tests switch the demo estate off, for example).
     *
     * @param overrides configuration properties, passed as system properties
     */
    public static LocalStack start(
            Path repositoryRoot,
            Path workDir,
            boolean defaultPorts,
            Set<CoverwatchService> which,
            Map<String, String> overrides) {
        return start(repositoryRoot, workDir, defaultPorts, which, overrides, false);
    }

    /**
     * Starts the services one at a time in {@code order} on free ports, each ready before the next is launched:
     * started against the flow (notification first, inventory last), every consumer has auto-created its topics
     * before the service that produces to them starts.
     */
    public static LocalStack startOneAtATime(
            Path repositoryRoot, Path workDir, List<CoverwatchService> order, Map<String, String> overrides) {
        return start(repositoryRoot, workDir, false, order, overrides, true);
    }

    private static LocalStack start(
            Path repositoryRoot,
            Path workDir,
            boolean defaultPorts,
            Collection<CoverwatchService> which,
            Map<String, String> overrides,
            boolean oneAtATime) {
        LocalInfra infra = defaultPorts
                ? LocalInfra.start(
                        workDir,
                        DEFAULT_INFRA_PORTS.get("kafka"),
                        DEFAULT_INFRA_PORTS.get("postgres"),
                        DEFAULT_INFRA_PORTS.get("token-issuer"))
                : LocalInfra.start(workDir);
        Map<CoverwatchService, URI> urls = new EnumMap<>(CoverwatchService.class);
        Map<CoverwatchService, URI> managementUrls = new EnumMap<>(CoverwatchService.class);
        List<ChildProcess> services = new CopyOnWriteArrayList<>();
        LocalStack stack = new LocalStack(infra, repositoryRoot, workDir, urls, managementUrls, services, overrides);
        try {
            // Every address first: the console, started first, is told where the services it reads will be.
            for (CoverwatchService service : which) {
                int port = LoopbackPorts.orFree(defaultPorts ? service.defaultPort() : 0);
                int managementPort = LoopbackPorts.orFree(defaultPorts ? service.defaultManagementPort() : 0);
                urls.put(service, URI.create("http://127.0.0.1:" + port));
                managementUrls.put(service, URI.create("http://127.0.0.1:" + managementPort));
            }
            for (CoverwatchService service : which) {
                ChildProcess process = stack.launch(
                        service,
                        service.moduleName(),
                        urls.get(service).getPort(),
                        managementUrls.get(service).getPort(),
                        wired(service, urls, overrides),
                        Map.of());
                services.add(process);
                stack.firstInstances.put(service, process);
                if (oneAtATime) {
                    process.awaitReady(STARTUP_TIMEOUT);
                    awaitHealthy(managementUrls.get(service).resolve("/q/health/ready"));
                }
            }
            services.forEach(process -> process.awaitReady(STARTUP_TIMEOUT));
            managementUrls.values().forEach(url -> awaitHealthy(url.resolve("/q/health/ready")));
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /**
     * The overrides with what services need of each other: remediation-service applies fixes to the demo estate of
     * the inventory-service started before it, signed in as itself at the local issuer with the Operator role; the
     * console reads every service's API and signs people in at the local issuer.
     */
    private static Map<String, String> wired(
            CoverwatchService service, Map<CoverwatchService, URI> urls, Map<String, String> overrides) {
        Map<String, String> wired = new LinkedHashMap<>();
        URI inventory = urls.get(CoverwatchService.INVENTORY);
        if (service == CoverwatchService.REMEDIATION && inventory != null) {
            wired.put("coverwatch.remediation.executor.inventory-url", inventory.toString());
            wired.put("quarkus.oidc-client.credentials.secret", "${" + LocalTokenIssuer.CLIENT_SECRET_PROPERTY + "}");
            wired.put("quarkus.oidc-client.grant-options.client.roles", "Coverwatch.Operator");
            wired.put("quarkus.oidc-client.grant-options.client.sub", "remediation-service");
        }
        if (service == CoverwatchService.CONSOLE) {
            // The console reads the services' APIs as the person signed in; it signs people in with this run's secret.
            for (CoverwatchService api : CoverwatchService.DOMAIN_SERVICES) {
                URI url = urls.get(api);
                if (url != null) {
                    wired.put(
                            "coverwatch.console." + api.moduleName().replace("-service", "") + "-url", url.toString());
                }
            }
            wired.put("quarkus.oidc.credentials.secret", "${" + LocalTokenIssuer.CLIENT_SECRET_PROPERTY + "}");
        }
        wired.putAll(overrides);
        return wired;
    }

    /**
     * The environment a service gets: the infrastructure's addresses (the token issuer's included) and its own HTTP and
     * management ports, on loopback only.
     */
    public static Map<String, String> serviceEnvironment(LocalInfra infra, int httpPort, int managementPort) {
        Map<String, String> properties = new LinkedHashMap<>(infra.quarkusConfig());
        properties.put("quarkus.http.host", "127.0.0.1");
        properties.put("quarkus.http.port", Integer.toString(httpPort));
        properties.put("quarkus.management.host", "127.0.0.1");
        properties.put("quarkus.management.port", Integer.toString(managementPort));
        Map<String, String> environment = new LinkedHashMap<>();
        properties.forEach((key, value) -> environment.put(environmentName(key), value));
        return environment;
    }

    /** The environment variable MicroProfile Config reads for a property: upper case, every other character '_'. */
    public static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /**
     * Starts one more instance of a service on a free port, against the same broker and database (instances of a
     * service share its consumer group and its schema), and returns its URL once it is ready.
     */
    public URI startAnother(CoverwatchService service, Map<String, String> overrides) {
        return startAnother(service, overrides, Map.of());
    }

    /**
     * Starts one more instance of a service with environment variables of its own besides the stack's: for what is
     * read only from the environment (the Azure SDK's managed identity finds its token endpoint in {@code
     * IDENTITY_ENDPOINT}, for example), which a system property cannot set.
     */
    public URI startAnother(CoverwatchService service, Map<String, String> overrides, Map<String, String> environment) {
        int port = LoopbackPorts.orFree(0);
        int managementPort = LoopbackPorts.orFree(0);
        ChildProcess process = launch(
                service,
                service.moduleName() + "-" + port,
                port,
                managementPort,
                wired(service, urls, overrides),
                environment);
        services.add(process);
        process.awaitReady(STARTUP_TIMEOUT);
        awaitHealthy(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"));
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The process of the service's first instance (its pid, its log), for the fault drills that kill it. */
    public ChildProcess process(CoverwatchService service) {
        return firstInstances.get(service);
    }

    /**
     * Starts the service's first instance again, on its ports and with its configuration, after it died or was killed
     * (what is left of the old process is stopped first); returns once it reports ready. Each start logs to its own
     * file, so the killed instance's log stays.
     */
    public void restart(CoverwatchService service) {
        ChildProcess old = firstInstances.get(service);
        old.close();
        services.remove(old);
        int port = urls.get(service).getPort();
        int managementPort = managementUrls.get(service).getPort();
        ChildProcess process = launch(
                service,
                service.moduleName() + "-restart-" + restarts.incrementAndGet(),
                port,
                managementPort,
                wired(service, urls, overrides),
                Map.of());
        services.add(process);
        firstInstances.put(service, process);
        process.awaitReady(STARTUP_TIMEOUT);
        awaitHealthy(managementUrls.get(service).resolve("/q/health/ready"));
    }

    /** The service's API. */
    public URI url(CoverwatchService service) {
        return urls.get(service);
    }

    /** The service's management interface: {@code /q/health}, {@code /q/metrics}, {@code /q/openapi}. */
    public URI managementUrl(CoverwatchService service) {
        return managementUrls.get(service);
    }

    /** The log file of every service instance started so far. */
    public List<Path> serviceLogs() {
        return services.stream().map(ChildProcess::logFile).toList();
    }

    public LocalInfra infra() {
        return infra;
    }

    /** Stops the services, then the infrastructure. */
    @Override
    public void close() {
        services.parallelStream().forEach(ChildProcess::close);
        infra.close();
    }

    private ChildProcess launch(
            CoverwatchService service,
            String instance,
            int port,
            int managementPort,
            Map<String, String> overrides,
            Map<String, String> ownEnvironment) {
        Path jar = service.runnableJar(repositoryRoot);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the services first (./mvnw package)");
        }
        Map<String, String> environment = serviceEnvironment(infra, port, managementPort);
        environment.putAll(ownEnvironment);
        Path tmp = workDir.resolve(instance).resolve("tmp");
        try {
            Files.createDirectories(tmp);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + service.maxHeapMegabytes() + "m",
                    "-Djava.io.tmpdir=" + tmp));
            command.addAll(service.jvmOptions());
            // System properties, not environment variables: a variable's name loses the dashes of a channel name
            // (inventory-heartbeats), and SmallRye then reads it as another channel.
            overrides.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.addAll(List.of("-jar", jar.toString()));
            return ChildProcess.builder(instance, command)
                    .env(environment)
                    .workingDirectory(workDir.resolve(instance))
                    .logFile(workDir.resolve(instance + ".log"))
                    .readyWhen(line -> line.contains("Listening on:"))
                    .stopTimeout(Duration.ofSeconds(15))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + service.moduleName(), e);
        }
    }

    private static void awaitHealthy(URI health) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + health, e);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + health, e);
            }
        }
        throw new IllegalStateException(health + " did not report UP within " + STARTUP_TIMEOUT + ": " + last);
    }
}
