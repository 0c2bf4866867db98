package io.coverwatch.evaluation.rest;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.evaluation.finding.FindingLedger;
import io.coverwatch.evaluation.finding.FindingsSummary;
import io.coverwatch.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Findings as evaluation currently holds them. */
@Path("/api/findings")
@Tag(name = "Findings", description = "What the rules found on each resource: open, resolved or excluded.")
public class FindingsResource {

    private final FindingLedger ledger;

    FindingsResource(FindingLedger ledger) {
        this.ledger = ledger;
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Operation(
            summary = "List findings",
            description =
                    "Findings as evaluation holds them now, last seen first, one page at a time; filters combine. A finding"
                            + " excluded by an Azure Local exclusion or an exemption stays listed, with its reason. Needs"
                            + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "One page of findings; an empty list past the last page.")
    @APIResponse(responseCode = "400", description = "page or size out of bounds.")
    public List<Finding> list(
            @Parameter(description = "Only findings in this state: open, resolved or excluded.") @QueryParam("status")
                    FindingStatus status,
            @Parameter(description = "Only findings of this severity: High, Medium or Low.") @QueryParam("severity")
                    Severity severity,
            @Parameter(description = "Only this subscription's findings (its ID).") @QueryParam("subscription")
                    String subscriptionId,
            @Parameter(description = "Only this rule's findings, for example CW-DEF-SERVERS.") @QueryParam("rule")
                    String ruleId,
            @Parameter(description = "The page, from 0.") @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @Parameter(description = "Rows per page, 1 to 1,000.")
                    @QueryParam("size")
                    @DefaultValue("100")
                    @Min(1)
                    @Max(1000)
                    int size) {
        return ledger.list(status, severity, subscriptionId, ruleId, page, size);
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/summary")
    @Operation(
            summary = "Sum up the open findings",
            description = "Open findings counted per severity, and the machines that are not monitored (an open"
                    + " finding of a monitoring-agent rule, or a troubleshooting walk that failed a step): how many, and"
                    + " the first of them by resource ID with the finding that says why. Counted by the database, so"
                    + " the answer is as small at a million resources as at ten. Needs Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The summary.")
    @APIResponse(responseCode = "400", description = "machines out of 0 to 1,000.")
    public FindingsSummary summary(
            @Parameter(description = "Only this subscription's findings (its ID); the whole estate without.")
                    @QueryParam("subscription")
                    String subscriptionId,
            @Parameter(description = "How many not-monitored machines to name, 0 to 1,000.")
                    @QueryParam("machines")
                    @DefaultValue("50")
                    @Min(0)
                    @Max(1000)
                    int machines) {
        return ledger.summary(subscriptionId, machines);
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{findingId}")
    @Operation(
            summary = "Read one finding",
            description = "One finding by its ID, with its diagnosis and suggested remediation. Needs"
                    + " Coverwatch.Reader.")
    @APIResponse(responseCode = "200", description = "The finding.")
    @APIResponse(responseCode = "404", description = "No finding with this ID.")
    public Finding get(
            @Parameter(description = "The finding's ID: 32 hex digits, stable for a rule and a resource.")
                    @PathParam("findingId")
                    String findingId) {
        return ledger.find(findingId).orElseThrow(() -> new NotFoundException("No finding " + findingId));
    }
}
