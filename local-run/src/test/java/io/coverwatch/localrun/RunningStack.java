package io.coverwatch.localrun;

import io.coverwatch.localinfra.KafkaProbe;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.util.List;
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
        Path root = repositoryRoot();
        LocalStack stack = LocalStack.start(root, workDir(root, name), false, services, overrides);
        return new RunningStack(stack, new KafkaProbe(stack.infra().kafka().bootstrapServers()));
    }

    /** The services started one at a time in {@code order}, each ready before the next. */
    static RunningStack startOneAtATime(String name, List<CoverwatchService> order, Map<String, String> overrides) {
        Path root = repositoryRoot();
        LocalStack stack = LocalStack.startOneAtATime(root, workDir(root, name), order, overrides);
        return new RunningStack(stack, new KafkaProbe(stack.infra().kafka().bootstrapServers()));
    }

    private static Path repositoryRoot() {
        return Path.of(System.getProperty("coverwatch.repo.root", ".."));
    }

    private static Path workDir(Path root, String name) {
        return root.resolve("local-run/target/" + name + "/" + UUID.randomUUID());
    }

    String url(CoverwatchService service) {
        return stack.url(service).toString();
    }

    String managementUrl(CoverwatchService service) {
        return stack.managementUrl(service).toString();
    }

    /** A token from the stack's issuer. */
    String token(String subject, String... roles) {
        return stack.infra().tokenIssuer().token(subject, subject, List.of(roles));
    }

    /** Every rest-assured request from now on carries a token for this subject with these roles. */
    String signIn(String subject, String... roles) {
        String token = token(subject, roles);
        RestAssured.authentication = RestAssured.oauth2(token);
        return token;
    }

    @Override
    public void close() {
        RestAssured.authentication = RestAssured.DEFAULT_AUTH;
        kafka.close();
        stack.close();
        stack.infra().deleteData();
    }
}
