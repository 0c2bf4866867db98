package io.coverwatch.evaluation.rest;

import io.coverwatch.contracts.Finding;
import io.coverwatch.contracts.FindingStatus;
import io.coverwatch.contracts.Severity;
import io.coverwatch.evaluation.finding.FindingLedger;
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

/** Findings as evaluation currently holds them. */
@Path("/api/findings")
public class FindingsResource {

    private final FindingLedger ledger;

    FindingsResource(FindingLedger ledger) {
        this.ledger = ledger;
    }

    @RolesAllowed(Roles.READER)
    @GET
    public List<Finding> list(
            @QueryParam("status") FindingStatus status,
            @QueryParam("severity") Severity severity,
            @QueryParam("subscription") String subscriptionId,
            @QueryParam("rule") String ruleId,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        return ledger.list(status, severity, subscriptionId, ruleId, page, size);
    }

    @RolesAllowed(Roles.READER)
    @GET
    @Path("/{findingId}")
    public Finding get(@PathParam("findingId") String findingId) {
        return ledger.find(findingId).orElseThrow(() -> new NotFoundException("No finding " + findingId));
    }
}
