package io.coverwatch.inventory.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.vertx.VertxHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.AzureResourceManager;
import com.azure.resourcemanager.resourcegraph.ResourceGraphManager;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PfxOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the Azure SDK clients for the configured cloud, on the Vert.x HTTP client Quarkus already runs. The SDK's
 * default pipeline signs every request with a bearer token and retries throttled (429) and failed (5xx) requests,
 * honouring {@code Retry-After}.
 *
 * <p>The credential is {@code DefaultAzureCredential} unless the application provides a {@link TokenCredential} bean
 * (tests do, with a fixed token).
 */
@ApplicationScoped
public class AzureClients {

    private final AzureConfig config;
    private final Vertx vertx;
    private final Instance<TokenCredential> credentials;

    private volatile Clients clients;

    AzureClients(AzureConfig config, Vertx vertx, Instance<TokenCredential> credentials) {
        this.config = config;
        this.vertx = vertx;
        this.credentials = credentials;
    }

    private record Clients(
            HttpPipeline pipeline,
            AzureResourceManager.Authenticated resourceManager,
            ResourceGraphManager resourceGraph) {}

    /** Resource Manager, authenticated but bound to no subscription: lists subscriptions, generic resources. */
    public AzureResourceManager.Authenticated resourceManager() {
        return clients().resourceManager();
    }

    /** Resource Graph: the paged queries across all subscriptions. */
    public ResourceGraphManager resourceGraph() {
        return clients().resourceGraph();
    }

    /**
     * Resource Manager's authenticated pipeline (bearer token, retry honouring {@code Retry-After}), for the reads
     * that no available management SDK covers.
     */
    public HttpPipeline pipeline() {
        return clients().pipeline();
    }

    /** The Resource Manager endpoint of the configured cloud, ending in {@code /}. */
    public String resourceManagerEndpoint() {
        return withSlash(environment(config).getResourceManagerEndpoint());
    }

    private Clients clients() {
        Clients current = clients;
        if (current == null) {
            synchronized (this) {
                current = clients;
                if (current == null) {
                    current = build();
                    clients = current;
                }
            }
        }
        return current;
    }

    private Clients build() {
        AzureProfile profile = new AzureProfile(environment(config));
        HttpClient httpClient = httpClient();
        TokenCredential credential = credential();
        HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(
                credential, profile, null, new HttpLogOptions(), null, null, null, httpClient);
        return new Clients(
                pipeline,
                AzureResourceManager.authenticate(pipeline, profile),
                ResourceGraphManager.configure().withHttpClient(httpClient).authenticate(credential, profile));
    }

    /**
     * The identity Coverwatch acts as (Resource Manager and Event Hubs alike): the application's
     * {@link TokenCredential} bean if there is one, else {@code DefaultAzureCredential} for the configured cloud.
     */
    public TokenCredential credential() {
        return credentials.isResolvable()
                ? credentials.get()
                : new DefaultAzureCredentialBuilder()
                        .authorityHost(environment(config).getActiveDirectoryEndpoint())
                        .build();
    }

    HttpClient httpClient() {
        HttpClientOptions options = new HttpClientOptions();
        config.trustStore()
                .ifPresent(path -> options.setTrustOptions(new PfxOptions()
                        .setPath(path.toString())
                        .setPassword(config.trustStorePassword().orElse(null))));
        return new VertxHttpClientBuilder()
                .vertx(vertx)
                .httpClientOptions(options)
                .connectTimeout(config.requestTimeout())
                .readTimeout(config.requestTimeout())
                .responseTimeout(config.requestTimeout())
                .build();
    }

    /** The SDK environment for the configured cloud; {@code CUSTOM} is the public cloud with two endpoints replaced. */
    static AzureEnvironment environment(AzureConfig config) {
        return switch (config.environment()) {
            case AZURE -> AzureEnvironment.AZURE;
            case AZURE_CHINA -> AzureEnvironment.AZURE_CHINA;
            case AZURE_US_GOVERNMENT -> AzureEnvironment.AZURE_US_GOVERNMENT;
            case CUSTOM -> {
                String resourceManager = config.resourceManagerEndpoint()
                        .orElseThrow(() -> new IllegalStateException(
                                "coverwatch.inventory.azure.resource-manager-endpoint is required for CUSTOM"));
                String authority = config.authorityHost()
                        .orElseThrow(() -> new IllegalStateException(
                                "coverwatch.inventory.azure.authority-host is required for CUSTOM"));
                Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
                endpoints.put("resourceManagerEndpointUrl", withSlash(resourceManager));
                endpoints.put("managementEndpointUrl", withSlash(resourceManager));
                endpoints.put("activeDirectoryResourceId", withSlash(resourceManager));
                endpoints.put("activeDirectoryEndpointUrl", withSlash(authority));
                yield new AzureEnvironment(endpoints);
            }
        };
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
