package io.coverwatch.localinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * Quarkus test resource that runs the tests against a real Kafka broker and a real PostgreSQL, without Docker:
 * {@code @QuarkusTestResource(LocalInfraTestResource.class)} (or {@code @WithTestResource}).
 *
 * <p>Work files go to {@code target/local-infra/<random>} relative to the working directory (the module directory
 * under Surefire/Failsafe). The returned configuration is {@link LocalInfra#quarkusConfig()}. On stop, the data
 * directories (tens of MB each) are deleted; the logs ({@code kafka/broker.log}, {@code postgres/postgres.log})
 * stay for diagnosis.
 *
 * <p>A test class that declares a {@link LocalTokenIssuer} field gets the running issuer injected, to sign tokens.
 * With the init argument {@code kafka=scram}, the service reaches the broker only through a {@code SASL_SSL} listener
 * with a SCRAM login; a {@link KafkaBroker} field gets the broker, for its client settings. A {@link LocalInfra} field
 * gets the whole of it, for tests that take the broker or the database away ({@link LocalInfra#withPostgresStopped}).
 */
public class LocalInfraTestResource implements QuarkusTestResourceLifecycleManager {

    private Path workDir;
    private LocalInfra infra;
    private boolean kafkaScram;

    @Override
    public void init(Map<String, String> initArgs) {
        kafkaScram = "scram".equals(initArgs.get("kafka"));
    }

    @Override
    public Map<String, String> start() {
        workDir = Path.of("target", "local-infra", UUID.randomUUID().toString()).toAbsolutePath();
        infra = kafkaScram ? LocalInfra.startWithKafkaScram(workDir) : LocalInfra.start(workDir);
        return infra.quarkusConfig();
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(infra.tokenIssuer(), new TestInjector.MatchesType(LocalTokenIssuer.class));
        testInjector.injectIntoFields(infra.kafka(), new TestInjector.MatchesType(KafkaBroker.class));
        testInjector.injectIntoFields(infra, new TestInjector.MatchesType(LocalInfra.class));
    }

    @Override
    public void stop() {
        if (infra != null) {
            infra.close();
            infra.deleteData();
            infra = null;
        }
    }
}
