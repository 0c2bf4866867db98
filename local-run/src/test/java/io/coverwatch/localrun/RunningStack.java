package io.coverwatch.localrun;

import io.coverwatch.localinfra.KafkaProbe;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A {@link LocalStack} started for one test class, with a probe on its broker; closing it deletes its data. */
record RunningStack(LocalStack stack, KafkaProbe kafka) implements AutoCloseable {

    /**
     * @param name      the test's work directory under {@code local-run/target}
     * @param overrides configuration for every service
     */
    static RunningStack start(String name, Set<CoverwatchService> services, Map<String, String> overrides) {
        Path root = Path.of(System.getProperty("coverwatch.repo.root", ".."));
        LocalStack stack = LocalStack.start(
                root, root.resolve("local-run/target/" + name + "/" + UUID.randomUUID()), false, services, overrides);
        return new RunningStack(stack, new KafkaProbe(stack.infra().kafka().bootstrapServers()));
    }

    String url(CoverwatchService service) {
        return stack.url(service).toString();
    }

    @Override
    public void close() {
        kafka.close();
        stack.close();
        stack.infra().deleteData();
    }
}
