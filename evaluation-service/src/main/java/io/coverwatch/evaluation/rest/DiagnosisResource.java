package io.coverwatch.evaluation.rest;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.TroubleshootingStep;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.coverwatch.evaluation.resource.ResourceStates;
import io.coverwatch.evaluation.rules.EvaluationInput;
import io.coverwatch.evaluation.rules.ResourceKind;
import io.coverwatch.evaluation.rules.agent.AgentHealth;
import io.coverwatch.evaluation.rules.diagnosis.Diagnosis;
import io.coverwatch.evaluation.rules.diagnosis.MachineDiagnosis;
import io.coverwatch.evaluation.rules.diagnosis.StepResult;
import io.coverwatch.evaluation.verdict.ResourceVerdicts;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * One resource's diagnosis: every troubleshooting step of the seed's order with its result, the first failing step,
 * the agent state, and the findings raised on it.
 */
@Path("/api/resources")
@Tag(name = "Diagnosis", description = "Why a machine is not monitored: the seed's troubleshooting steps, walked.")
public class DiagnosisResource {

    /**
     * @param steps        for a machine, every step in the seed's order; empty for other kinds
     * @param firstFailure the first failing step, which names why the machine is not monitored; null when none fails
     * @param agentHealth  for a machine, the state of its agents; null for other kinds
     */
    @Schema(description = "One resource's diagnosis.")
    public record ResourceDiagnosis(
            @Schema(description = "The resource's ARM ID.") String resourceId,
            @Schema(description = "The resource kind.") ResourceKind kind,
            @Schema(description = "For a machine, the state of its agents; null for other kinds.")
                    AgentHealth agentHealth,
            @Schema(description = "For a machine, every troubleshooting step in the seed's order; empty otherwise.")
                    List<Step> steps,
            @Schema(
                            description =
                                    "The first failing step, which names why the machine is not monitored; null when none fails.")
                    Step firstFailure,
            @Schema(description = "The findings on the resource.") List<Finding> findings) {}

    /**
     * One troubleshooting step.
     *
     * @param result {@code passed}, {@code failed}, or {@code unknown} when inventory cannot tell
     * @param detail why it failed, or why it is unknown
     */
    @Schema(description = "One troubleshooting step and its result.")
    public record Step(
            @Schema(description = "The step's number in the seed's order (two steps share 6).") int number,
            @Schema(description = "The step.") TroubleshootingStep step,
            @Schema(description = "The step's name.") String label,
            @Schema(description = "The seed's question.") String question,
            @Schema(description = "passed, failed, or unknown when inventory cannot tell.") String result,
            @Schema(description = "Why it failed, or why it is unknown; null when it passed.") String detail) {

        static Step of(TroubleshootingStep step, StepResult result) {
            String outcome;
            String detail = null;
            if (result instanceof StepResult.Failed failed) {
                outcome = "failed";
                detail = failed.detail();
            } else if (result instanceof StepResult.Unknown unknown) {
                outcome = "unknown";
                detail = unknown.reason();
            } else {
                outcome = "passed";
            }
            return new Step(step.number(), step, step.label(), step.question(), outcome, detail);
        }
    }

    private final ResourceStates states;
    private final ResourceVerdicts verdicts;
    private final FindingLedger ledger;
    private final Clock clock;

    DiagnosisResource(ResourceStates states, ResourceVerdicts verdicts, FindingLedger ledger, Clock clock) {
        this.states = states;
        this.verdicts = verdicts;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** The resource's ARM ID is the path, as Azure spells it: {@code /api/resources/subscriptions/…/diagnosis}. */
    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{resourceId: subscriptions/.+}/diagnosis")
    @Operation(
            summary = "Diagnose a resource",
            description = "Walks the seed's troubleshooting order for a machine shown as Not monitored (Defender plan,"
                    + " auto-provisioning, operating system, outbound connectivity, Azure Policy, permissions,"
                    + " extension status) and gives every step's result, the first failure, the agents' state and"
                    + " the findings on it. Other kinds get their findings only. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The diagnosis.")
    @APIResponse(responseCode = "404", description = "Evaluation knows no resource with this ID.")
    public ResourceDiagnosis diagnose(
            @Parameter(
                            description = "The resource's ARM ID without its leading slash, written as the path:"
                                    + " subscriptions/{subscription}/resourceGroups/{group}/providers/{type}/{name}.")
                    @PathParam("resourceId")
                    String resourcePath) {
        String resourceId = "/" + resourcePath;
        EvaluationInput input = states.findKnown(resourceId)
                .map(known -> verdicts.inputFor(known, clock.instant()))
                .orElseThrow(() -> new NotFoundException("No resource " + resourceId));
        ResourceKind kind = ResourceKind.of(input.resource().type());
        List<Finding> findings = ledger.of(input.resource().id());
        if (!kind.isMachine()) {
            return new ResourceDiagnosis(input.resource().id(), kind, null, List.of(), null, findings);
        }
        Diagnosis diagnosis = MachineDiagnosis.diagnose(input);
        List<Step> steps = diagnosis.steps().entrySet().stream()
                .map((Map.Entry<TroubleshootingStep, StepResult> entry) -> Step.of(entry.getKey(), entry.getValue()))
                .toList();
        Step firstFailure = diagnosis
                .firstFailure()
                .map(failure -> Step.of(failure.step(), diagnosis.result(failure.step())))
                .orElse(null);
        return new ResourceDiagnosis(input.resource().id(), kind, AgentHealth.of(input), steps, firstFailure, findings);
    }
}
