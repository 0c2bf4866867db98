package io.coverwatch.remediation.execution;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Where and how remediation-service makes its changes ({@code coverwatch.remediation.executor.*}). */
@ConfigMapping(prefix = "coverwatch.remediation.executor")
public interface ExecutionConfig {

    /**
     * Which executor makes the changes. {@code DEMO} by default: a fresh install without Azure runs the demo estate
     * (and dry-run mode keeps even that untouched until switched off); {@code ARM} once Azure access is configured.
     */
    @WithDefault("DEMO")
    Kind kind();

    /**
     * inventory-service's base URL, whose demo estate the {@code DEMO} executor changes, for example
     * {@code http://127.0.0.1:8081}. Unset: every demo change fails, saying so.
     */
    Optional<URI> inventoryUrl();

    Demo demo();

    Arm arm();

    /** The executors Coverwatch has. */
    enum Kind {
        /** Azure Resource Manager, with the Azure SDK's authenticated pipeline. */
        ARM,
        /** inventory-service's demo estate ({@code POST /api/demo/actions}). */
        DEMO
    }

    /** Calls to inventory-service's demo estate. */
    interface Demo {

        /** How long to wait for a connection to inventory-service. */
        @WithDefault("2s")
        Duration connectTimeout();

        /** How long to wait for inventory-service's answer to one action. */
        @WithDefault("10s")
        Duration readTimeout();

        /** Further tries after a 5xx or no answer (the demo's actions are idempotent, so a repeat is safe). */
        @WithDefault("2")
        int maxRetries();

        /** Pause before each further try. */
        @WithDefault("500ms")
        Duration retryDelay();

        /** Calls the circuit breaker looks back on before it may open. */
        @WithDefault("4")
        int circuitRequestVolume();

        /** Share of those calls that failed (5xx or no answer) at which the circuit opens. */
        @WithDefault("0.75")
        double circuitFailureRatio();

        /** How long an open circuit answers at once, without calling inventory-service, before one trial call. */
        @WithDefault("30s")
        Duration circuitDelay();
    }

    /**
     * Calls to Azure Resource Manager. The identity is {@code DefaultAzureCredential} (a managed identity in
     * production) unless the application provides a {@code TokenCredential} bean.
     */
    interface Arm {

        /**
         * Resource Manager endpoint, for a sovereign cloud or a local fake, for example
         * {@code https://management.chinacloudapi.cn/}. Unset: the Azure public cloud's.
         */
        Optional<String> resourceManagerEndpoint();

        /** Microsoft Entra authority host that goes with {@link #resourceManagerEndpoint()}. Unset: the public cloud's. */
        Optional<String> authorityHost();

        /** Per-request timeout towards Resource Manager (connect, read and response each). */
        @WithDefault("30s")
        Duration requestTimeout();

        /** Further tries of a request throttled (429) or failed (5xx) by Resource Manager. */
        @WithDefault("3")
        int maxRetries();

        /** First pause before a further try, doubling each time, unless Resource Manager sends Retry-After. */
        @WithDefault("1s")
        Duration retryDelay();

        /** How often a long-running operation is polled when Resource Manager sends no Retry-After. */
        @WithDefault("10s")
        Duration pollInterval();

        /**
         * The most one change may take, retries and the polling of a long-running operation (an extension install
         * takes minutes) included. Past it the attempt fails as transient; Azure may still finish the change, which
         * the verification from fresh inventory then sees.
         */
        @WithDefault("15m")
        Duration operationTimeout();

        /**
         * Extra trust store (PKCS#12) for the TLS certificate of the endpoint: for a private cloud whose CA the JVM
         * does not trust, or a local HTTPS fake. Unset: the JVM's default trust.
         */
        Optional<Path> trustStore();

        /** Password of {@link #trustStore()}; a trust store holds only public certificates. */
        Optional<String> trustStorePassword();
    }
}
