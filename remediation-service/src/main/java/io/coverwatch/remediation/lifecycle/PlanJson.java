package io.coverwatch.remediation.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.coverwatch.remediation.catalog.ArmRequest;
import io.coverwatch.remediation.catalog.JsonBody;
import io.coverwatch.remediation.catalog.ProtectedSetting;
import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.catalog.RemediationPlan;
import io.coverwatch.remediation.catalog.Target;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An automatic plan as the remediation row keeps it, so that what runs after an approval is exactly what was approved
 * (not a plan made again from newer inventory). The body is kept as its text, so its members keep their order.
 */
final class PlanJson {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private record Stored(
            RemediationAction action,
            String resourceId,
            String subscriptionId,
            String resourceGroup,
            Map<String, String> tags,
            String method,
            String path,
            String body,
            ProtectedSetting protectedSetting,
            String findingId,
            String ruleId,
            Instant openedAt) {}

    private PlanJson() {}

    static String write(RemediationPlan.Automatic plan) {
        Target target = plan.target();
        ArmRequest request = plan.request();
        RemediationPlan.Episode episode = plan.episode();
        Stored stored = new Stored(
                plan.action(),
                target.resourceId(),
                target.subscriptionId(),
                target.resourceGroup(),
                target.tags(),
                request.method(),
                request.path(),
                request.body().text(),
                request.protectedSetting(),
                episode.findingId(),
                episode.ruleId(),
                episode.openedAt());
        try {
            return MAPPER.writeValueAsString(stored);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("Cannot write the plan of " + target.resourceId(), e);
        }
    }

    static RemediationPlan.Automatic read(String json) {
        try {
            Stored stored = MAPPER.readValue(json, Stored.class);
            @SuppressWarnings("unchecked")
            Map<String, Object> members = MAPPER.readValue(stored.body(), LinkedHashMap.class);
            return new RemediationPlan.Automatic(
                    stored.action(),
                    new Target(stored.resourceId(), stored.subscriptionId(), stored.resourceGroup(), stored.tags()),
                    new ArmRequest(stored.method(), stored.path(), body(members), stored.protectedSetting()),
                    new RemediationPlan.Episode(stored.findingId(), stored.ruleId(), stored.openedAt()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("A stored plan is not readable", e);
        }
    }

    /** Parsed JSON objects become bodies again, at every depth. */
    private static JsonBody body(Map<String, Object> members) {
        Map<String, Object> converted = new LinkedHashMap<>();
        members.forEach((name, value) -> converted.put(name, value(value)));
        return new JsonBody(converted);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object value) {
        if (value instanceof Map<?, ?> map) {
            return body((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PlanJson::value).toList();
        }
        return value;
    }
}
