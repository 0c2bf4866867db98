package io.coverwatch.remediation.execution;

import com.azure.core.credential.TokenCredential;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/** The one {@link RemediationExecutor} the configuration chooses ({@code coverwatch.remediation.executor.kind}). */
@ApplicationScoped
class RemediationExecutors {

    private static final Logger LOG = Logger.getLogger(RemediationExecutors.class);

    @Produces
    @ApplicationScoped
    RemediationExecutor executor(
            ExecutionConfig settings, Vertx vertx, Instance<TokenCredential> credentials, OidcClient oidcClient) {
        LOG.infof("Remediations are made by the %s executor", settings.kind());
        return switch (settings.kind()) {
            case ARM ->
                new ArmExecutor(
                        ArmPipeline.build(
                                settings.arm(),
                                vertx,
                                credentials.isResolvable() ? Optional.of(credentials.get()) : Optional.empty()),
                        settings.arm());
            case DEMO -> demoEstate(settings, oidcClient);
        };
    }

    private static RemediationExecutor demoEstate(ExecutionConfig settings, OidcClient oidcClient) {
        if (settings.inventoryUrl().isEmpty()) {
            LOG.warn("coverwatch.remediation.executor.inventory-url is not set: every change to the demo estate fails");
            return plan -> new ExecutionOutcome.Failed(
                    "the demo estate's inventory-service is not configured"
                            + " (coverwatch.remediation.executor.inventory-url)",
                    false);
        }
        ExecutionConfig.Demo demo = settings.demo();
        DemoEstateApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(settings.inventoryUrl().get())
                .connectTimeout(demo.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(demo.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                // A refusal (409) is an answer to read, not an exception.
                .property("microprofile.rest.client.disable.default.mapper", true)
                .build(DemoEstateApi.class);
        return new DemoEstateExecutor(api, new ServiceSignIn(oidcClient), demo);
    }
}
