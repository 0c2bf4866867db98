package io.coverwatch.remediation.execution;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.HttpLogDetailLevel;
import com.azure.core.http.policy.HttpLogOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.vertx.VertxHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.resources.fluentcore.utils.HttpPipelineProvider;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.PfxOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resource Manager's authenticated pipeline, built as the Azure SDK's management clients build theirs (bearer token
 * for the cloud's audience, retries of 429 and 5xx honouring {@code Retry-After}), on the Vert.x HTTP client Quarkus
 * already runs.
 *
 * @param endpoint the Resource Manager endpoint, without a trailing {@code /}: ARM paths start with one
 */
record ArmPipeline(HttpPipeline pipeline, String endpoint) {

    /**
     * @param credential the application's identity; empty for {@code DefaultAzureCredential}
     */
    static ArmPipeline build(ExecutionConfig.Arm settings, Vertx vertx, Optional<TokenCredential> credential) {
        AzureEnvironment environment = environment(settings);
        TokenCredential identity = credential.orElseGet(() -> new DefaultAzureCredentialBuilder()
                .authorityHost(environment.getActiveDirectoryEndpoint())
                .build());
        RetryPolicy retries = new RetryPolicy(new RetryOptions(new ExponentialBackoffOptions()
                .setMaxRetries(settings.maxRetries())
                .setBaseDelay(settings.retryDelay())));
        // BASIC logs method, URL and status only, whatever AZURE_HTTP_LOG_DETAIL_LEVEL says: a request body may carry
        // the MDE onboarding package.
        HttpLogOptions logging = new HttpLogOptions().setLogLevel(HttpLogDetailLevel.BASIC);
        HttpPipeline pipeline = HttpPipelineProvider.buildHttpPipeline(
                identity,
                new AzureProfile(environment),
                null,
                logging,
                null,
                retries,
                null,
                httpClient(settings, vertx));
        String endpoint = environment.getResourceManagerEndpoint();
        return new ArmPipeline(
                pipeline, endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    }

    private static HttpClient httpClient(ExecutionConfig.Arm settings, Vertx vertx) {
        HttpClientOptions options = new HttpClientOptions();
        settings.trustStore()
                .ifPresent(path -> options.setTrustOptions(new PfxOptions()
                        .setPath(path.toString())
                        .setPassword(settings.trustStorePassword().orElse(null))));
        return new VertxHttpClientBuilder()
                .vertx(vertx)
                .httpClientOptions(options)
                .connectTimeout(settings.requestTimeout())
                .readTimeout(settings.requestTimeout())
                .responseTimeout(settings.requestTimeout())
                .build();
    }

    /** The public cloud, with the endpoints that are configured put in its place. */
    static AzureEnvironment environment(ExecutionConfig.Arm settings) {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        settings.resourceManagerEndpoint().map(ArmPipeline::withSlash).ifPresent(resourceManager -> {
            endpoints.put("resourceManagerEndpointUrl", resourceManager);
            // The token's audience: ARM of that cloud.
            endpoints.put("managementEndpointUrl", resourceManager);
            endpoints.put("activeDirectoryResourceId", resourceManager);
        });
        settings.authorityHost()
                .map(ArmPipeline::withSlash)
                .ifPresent(authority -> endpoints.put("activeDirectoryEndpointUrl", authority));
        return new AzureEnvironment(endpoints);
    }

    private static String withSlash(String url) {
        return url.endsWith("/") ? url : url + "/";
    }
}
