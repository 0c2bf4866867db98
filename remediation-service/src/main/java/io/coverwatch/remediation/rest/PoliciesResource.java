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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Remediation policies: per action and scope (a subscription, {@code subscriptionId/resourceGroup}, or a tag
 * {@code name=value}), auto, approval or never. The most specific scope wins; actions without a policy use their
 * default.
 */
@Path("/api/policies")
@Tag(name = "Policies", description = "Per action and scope: auto, approval or never.")
public class PoliciesResource {

    private final SafetyControls controls;
    private final Caller caller;

    PoliciesResource(SafetyControls controls, Caller caller) {
        this.controls = controls;
        this.caller = caller;
    }

    /** A policy as the API shows and takes it. */
    @Schema(description = "A remediation policy: what one action may do in one scope.")
    public record PolicyView(
            @Schema(description = "The action it governs.") RemediationAction action,
            @Schema(description = "How scopeValue is written.") ScopeKind scopeKind,
            @Schema(
                            description = "A subscription ID, subscriptionId/resourceGroup, or a tag name=value; at"
                                    + " most 512 characters.")
                    @Size(max = 512)
                    String scopeValue,
            @Schema(description = "What the action may do there.") PolicyMode mode,
            @Schema(description = "The subject of whoever set it; ignored when sent.") String changedBy,
            @Schema(description = "When it was set; ignored when sent.") Instant changedAt) {

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
    @Schema(description = "The policies, and the mode each action has where no policy covers it.")
    public record Policies(
            @Schema(description = "Every policy.") List<PolicyView> policies,
            @Schema(description = "Each action's mode where no policy covers it.")
                    Map<RemediationAction, PolicyMode> defaults) {}

    @GET
    @RolesAllowed(Roles.READER)
    @Operation(
            summary = "Read the policies",
            description = "Every remediation policy, and each action's default. The most specific scope wins (a tag,"
                    + " then a resource group, then a subscription); an action without a policy uses its default."
                    + " Needs Coverwatch.Reader.")
    public Policies get() {
        return view(controls.policies());
    }

    /** Replaces every policy with the given ones (an empty list returns every action to its default). */
    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Replace the policies",
            description = "Replaces every policy with the given list (at most 1,000); an empty list returns every"
                    + " action to its default. Needs Coverwatch.Admin.")
    @APIResponse(responseCode = "200", description = "The policies now in force.")
    @APIResponse(
            responseCode = "400",
            description = "A policy without an action, scope or mode, a scope not written as its kind asks, or a"
                    + " field past its limit.")
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
