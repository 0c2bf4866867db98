package io.coverwatch.remediation.lifecycle;

import io.coverwatch.remediation.catalog.RemediationPlan;
import io.coverwatch.remediation.execution.ExecutionOutcome;
import io.coverwatch.remediation.execution.RemediationExecutor;
import io.quarkus.test.junit.QuarkusTestProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the executors in the lifecycle's wiring tests (the real ones are tested against local HTTP servers and
 * end to end on the demo estate): answers what a test scripted for a resource, success otherwise, and remembers every
 * plan it was given. Enabled only by {@link Profile}.
 */
@Alternative
@ApplicationScoped
public class ScriptedExecutor implements RemediationExecutor {

    /** The test profile that puts this executor in place of the configured one. */
    public static final class Profile implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ScriptedExecutor.class);
        }
    }

    private final List<RemediationPlan.Automatic> executed = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<ExecutionOutcome>> scripts = new ConcurrentHashMap<>();

    @Override
    public ExecutionOutcome execute(RemediationPlan.Automatic plan) {
        executed.add(plan);
        Queue<ExecutionOutcome> script = scripts.get(plan.target().resourceId().toLowerCase());
        ExecutionOutcome scripted = script == null ? null : script.poll();
        return scripted != null ? scripted : new ExecutionOutcome.Succeeded("201 Created, provisioningState Succeeded");
    }

    /** The next outcomes for a resource, in order. */
    void script(String resourceId, ExecutionOutcome... outcomes) {
        scripts.put(resourceId.toLowerCase(), new ArrayDeque<>(List.of(outcomes)));
    }

    List<RemediationPlan.Automatic> executedOn(String resourceId) {
        return executed.stream()
                .filter(plan -> plan.target().resourceId().equalsIgnoreCase(resourceId))
                .toList();
    }
}
