package io.coverwatch.remediation.rest;

import io.coverwatch.remediation.catalog.RemediationAction;
import io.coverwatch.remediation.controls.SafetyControls;
import io.coverwatch.remediation.controls.SafetyControls.PolicyInput;
import io.coverwatch.remediation.controls.SafetyControls.StoredPolicy;
import io.coverwatch.remediation.controls.ScopeKind;
import io.coverwatch.remediation.safety.PolicyMode;
import io.coverwatch.remediation.safety.SafetySettings;
import io.coverwatch.security.Caller;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Remediation policies: per action and scope (a subscription, {@code subscriptionId/resourceGroup}, or a tag
 * {@code name=value}), auto, approval or never. The most specific scope wins; actions without a policy use their
 * default.
 */
@Path("/api/policies")
public class PoliciesResource {

    private final SafetyControls controls;
    private final Caller caller;

    PoliciesResource(SafetyControls controls, Caller caller) {
        this.controls = controls;
        this.caller = caller;
    }

    /** A policy as the API shows and takes it. */
    public record PolicyView(
            RemediationAction action,
            ScopeKind scopeKind,
            @Size(max = 512) String scopeValue,
            PolicyMode mode,
            String changedBy,
            Instant changedAt) {

        static PolicyView of(StoredPolicy stored) {
            return new PolicyView(
                    stored.policy().action(),
                    stored.scopeKind(),
                    stored.scopeValue(),
                    stored.policy().mode(),
                    stored.changedBy(),
                    stored.changedAt());
        }
    }

    /** The policies, and the mode each action has where no policy covers it. */
    public record Policies(List<PolicyView> policies, Map<RemediationAction, PolicyMode> defaults) {}

    @GET
    @RolesAllowed(Roles.READER)
    public Policies get() {
        return view(controls.policies());
    }

    /** Replaces every policy with the given ones (an empty list returns every action to its default). */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    public Policies put(@NotNull @Size(max = 1000) List<@Valid PolicyView> policies) {
        List<PolicyInput> inputs = policies.stream()
                .map(policy -> policy == null
                        ? null
                        : new PolicyInput(policy.action(), policy.scopeKind(), policy.scopeValue(), policy.mode()))
                .toList();
        return view(controls.replacePolicies(inputs, caller.actor().subject(), Instant.now()));
    }

    private static Policies view(List<StoredPolicy> stored) {
        return new Policies(
                stored.stream().map(PolicyView::of).toList(),
                Arrays.stream(RemediationAction.values())
                        .collect(Collectors.toMap(
                                Function.identity(),
                                SafetySettings::defaultMode,
                                (a, b) -> a,
                                () -> new EnumMap<>(RemediationAction.class))));
    }
}
